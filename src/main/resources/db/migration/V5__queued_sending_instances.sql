-- A claim is not a send. A scheduled run row now goes: queued (queued_at set, no owner) -> sending (owner and
-- sent_at set, in one statement for a batch, before the requests leave) -> its outcome. Queued rows belong
-- to no instance, so any live instance sends them; only a sending row has an owner whose death matters.

-- When the row became due to be sent (the scheduled instant, or the retry time); NULL once taken.
ALTER TABLE job_run ADD COLUMN queued_at BIGINT;
-- The instance that marked the row as sending (scheduled runs), or that runs it (manual runs).
ALTER TABLE job_run ADD COLUMN owner VARCHAR(24);
-- When it was marked as sending: from then on the call may have reached the target.
ALTER TABLE job_run ADD COLUMN sent_at BIGINT;
CREATE INDEX job_run_queue ON job_run (queued_at, id);
CREATE INDEX job_run_owner ON job_run (owner, status);

-- Runs left 'running' by the previous version: it recorded no more than that, so they may have been sent.
UPDATE job_run SET sent_at = started_at WHERE status = 'RUNNING';

-- What happens to a call that may have been sent when its server died: re-sent with the same identity
-- (at least once), or recorded as interrupted (at most once).
ALTER TABLE job ADD COLUMN delivery_guarantee VARCHAR(16) DEFAULT 'AT_LEAST_ONCE' NOT NULL;

-- The service's instances: each registers at start and beats while it runs. One whose beats stop is
-- declared dead by a live one, which then settles the dead one's sending runs.
CREATE TABLE scheduler_instance (
    id            VARCHAR(24)   NOT NULL PRIMARY KEY,
    name          VARCHAR(200)  NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    started_at    BIGINT        NOT NULL,
    heartbeat_at  BIGINT        NOT NULL,
    beats         BIGINT        NOT NULL,
    ended_at      BIGINT,
    grid_member   VARCHAR(64)
);
CREATE INDEX scheduler_instance_state ON scheduler_instance (state);
