-- The slots (time of day, zone) that some job uses, counted, so that the dispatcher and the slot timers read a
-- few rows instead of every job's times: the DISTINCT over job_time took 0.7 s at 100,000 jobs and 8-10 s at
-- 1,000,000, on every start, every timer firing and every minute sweep. Kept in the same transaction as each
-- create, change and delete (SlotUse). One row per slot and stripe, the stripe being the last character of the
-- job's id, so that concurrent creates in one slot seldom wait for each other's row lock; a row goes when its
-- count falls to 0.
CREATE TABLE slot_use (
    time_of_day  VARCHAR(5)   NOT NULL,
    timezone     VARCHAR(64)  NOT NULL,
    stripe       VARCHAR(1)   NOT NULL,
    jobs         BIGINT       NOT NULL,
    PRIMARY KEY (time_of_day, timezone, stripe)
);
INSERT INTO slot_use (time_of_day, timezone, stripe, jobs)
    SELECT t.time_of_day, j.timezone, RIGHT(j.id, 1), COUNT(*) FROM job_time t JOIN job j ON j.id = t.job_id
    GROUP BY t.time_of_day, j.timezone, RIGHT(j.id, 1);
