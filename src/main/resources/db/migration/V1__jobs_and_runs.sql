-- Jobs and their run history. Plain SQL that H2 2.x and PostgreSQL both accept.
-- Instants are epoch milliseconds (BIGINT): see EpochMillisConverter.

CREATE TABLE job (
    id            VARCHAR(24)    NOT NULL PRIMARY KEY,
    title         VARCHAR(800)   NOT NULL,
    method        VARCHAR(10)    NOT NULL,
    url           VARCHAR(2048)  NOT NULL,
    content_type  VARCHAR(255),
    body          VARCHAR(65536),
    created_at    BIGINT         NOT NULL,
    version       BIGINT         NOT NULL
);
CREATE INDEX job_created_order ON job (created_at, id);

CREATE TABLE job_time (
    job_id       VARCHAR(24) NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    position     INTEGER     NOT NULL,
    time_of_day  VARCHAR(5)  NOT NULL,
    PRIMARY KEY (job_id, position)
);
CREATE INDEX job_time_slot ON job_time (time_of_day);

CREATE TABLE job_run (
    id                VARCHAR(24)   NOT NULL PRIMARY KEY,
    job_id            VARCHAR(24)   NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    trigger_kind      VARCHAR(16)   NOT NULL,
    scheduled_at      BIGINT,
    started_at        BIGINT        NOT NULL,
    ms                DOUBLE PRECISION,
    status            VARCHAR(16)   NOT NULL,
    status_line       VARCHAR(200),
    response_snippet  VARCHAR(1024),
    error             VARCHAR(1000)
);
-- One run per (job, scheduled instant): the claim that makes a scheduled occurrence fire once.
CREATE UNIQUE INDEX job_run_occurrence ON job_run (job_id, scheduled_at);
CREATE INDEX job_run_history ON job_run (job_id, started_at);
