-- Scheduling: each job's times are wall-clock times in its zone; the dispatch watermark.
ALTER TABLE job ADD COLUMN timezone VARCHAR(64) DEFAULT 'UTC' NOT NULL;
ALTER TABLE job ADD COLUMN missed_run_policy VARCHAR(16) DEFAULT 'RUN_ONCE' NOT NULL;

-- Jobs due in a slot: job_time by time of day, then the job by primary key and zone.
DROP INDEX job_time_slot;
CREATE INDEX job_time_slot ON job_time (time_of_day, job_id);

-- Up to when occurrences have been dispatched: what a restart catches up from. One row per scheduler.
CREATE TABLE scheduler_state (
    name              VARCHAR(32) NOT NULL PRIMARY KEY,
    dispatched_until  BIGINT      NOT NULL
);

-- Runs still 'running' long after any call could have ended: found by status.
CREATE INDEX job_run_status ON job_run (status, started_at);
