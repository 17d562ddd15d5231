-- Delivery policy, secrets, pause and the audit trail.

-- Per-job limits and policy; NULL timeouts mean the service-wide ones.
ALTER TABLE job ADD COLUMN connect_timeout_ms INTEGER;
ALTER TABLE job ADD COLUMN timeout_ms INTEGER;
ALTER TABLE job ADD COLUMN retries INTEGER DEFAULT 3 NOT NULL;
ALTER TABLE job ADD COLUMN overlap_policy VARCHAR(16) DEFAULT 'SKIP' NOT NULL;
-- NULL: the service-wide JOBRUNNER_AUTO_PAUSE_AFTER; 0: never.
ALTER TABLE job ADD COLUMN auto_pause_after INTEGER;
ALTER TABLE job ADD COLUMN consecutive_failures INTEGER DEFAULT 0 NOT NULL;

-- Secrets, sealed with AES-GCM: "<key id>:<base64 nonce and ciphertext>". Header names are not secret.
ALTER TABLE job ADD COLUMN header_names VARCHAR(4000);
ALTER TABLE job ADD COLUMN sealed_headers VARCHAR(40000);
ALTER TABLE job ADD COLUMN sealed_signing_secret VARCHAR(400);

-- Pause; occurrences before active_since (creation, resume, schedule change) are never run.
ALTER TABLE job ADD COLUMN paused BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE job ADD COLUMN paused_reason VARCHAR(600);
ALTER TABLE job ADD COLUMN paused_at BIGINT;
ALTER TABLE job ADD COLUMN active_since BIGINT DEFAULT 0 NOT NULL;
UPDATE job SET active_since = created_at;

-- Who changed it last.
ALTER TABLE job ADD COLUMN created_by VARCHAR(200) DEFAULT 'unknown' NOT NULL;
ALTER TABLE job ADD COLUMN updated_by VARCHAR(200);
ALTER TABLE job ADD COLUMN updated_at BIGINT;

-- Each attempt of an occurrence is a run row; (job, instant, attempt) is claimed once.
ALTER TABLE job_run ADD COLUMN attempt INTEGER DEFAULT 1 NOT NULL;
-- When the next attempt is due; cleared when it is claimed. Persisted, so a wait survives a restart.
ALTER TABLE job_run ADD COLUMN retry_at BIGINT;
-- The job's id while this run (or its retry wait) is in flight for a job whose overlap policy is skip:
-- the unique index lets the database refuse a second one.
ALTER TABLE job_run ADD COLUMN in_flight VARCHAR(24);
DROP INDEX job_run_occurrence;
CREATE UNIQUE INDEX job_run_occurrence ON job_run (job_id, scheduled_at, attempt);
CREATE UNIQUE INDEX job_run_in_flight ON job_run (in_flight);
CREATE INDEX job_run_retry ON job_run (retry_at);

CREATE TABLE audit_event (
    id           VARCHAR(24)   NOT NULL PRIMARY KEY,
    at           BIGINT        NOT NULL,
    actor        VARCHAR(200)  NOT NULL,
    action       VARCHAR(32)   NOT NULL,
    target_kind  VARCHAR(16)   NOT NULL,
    target_id    VARCHAR(64)   NOT NULL,
    detail       VARCHAR(500)
);
CREATE INDEX audit_event_order ON audit_event (at, id);

-- Idempotency-Key on create and run-now: the first answer, replayed to a retry with the same key.
CREATE TABLE idempotency_record (
    scope            VARCHAR(300)  NOT NULL,
    idem_key         VARCHAR(255)  NOT NULL,
    fingerprint      VARCHAR(64)   NOT NULL,
    created_at       BIGINT        NOT NULL,
    response_status  INTEGER,
    response_body    VARCHAR(8000),
    location         VARCHAR(300),
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_age ON idempotency_record (created_at);
