-- The list's count without a COUNT(*) over every job, and each job's times without a second query.

-- How many jobs were ever created and deleted, kept in the same transaction as each create and delete
-- (JobStore). The count is SUM(created) - SUM(deleted); the two sums together also tell an instance whether
-- any job came or went since it remembered where its list pages begin (JobPages). Sixteen rows, each create or
-- delete adding to one picked at random, so that concurrent creates do not wait for each other's row lock.
CREATE TABLE job_tally (
    stripe   INTEGER  NOT NULL PRIMARY KEY,
    created  BIGINT   NOT NULL,
    deleted  BIGINT   NOT NULL
);
INSERT INTO job_tally (stripe, created, deleted) SELECT 0, COUNT(*), 0 FROM job;
INSERT INTO job_tally (stripe, created, deleted) VALUES
    (1, 0, 0), (2, 0, 0), (3, 0, 0), (4, 0, 0), (5, 0, 0), (6, 0, 0), (7, 0, 0), (8, 0, 0),
    (9, 0, 0), (10, 0, 0), (11, 0, 0), (12, 0, 0), (13, 0, 0), (14, 0, 0), (15, 0, 0);

-- The job's times as given, comma-separated (at most 1,440 of "HH:mm"), for reading: job_time stays the
-- scheduler's (indexed by time of day). NULL for jobs written before this column: they are read from job_time.
ALTER TABLE job ADD COLUMN schedulation VARCHAR(8640);
