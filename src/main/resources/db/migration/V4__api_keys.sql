-- API keys for machine clients. The key itself is shown once at creation and never stored: only its hash.

CREATE TABLE api_key (
    id            VARCHAR(24)   NOT NULL PRIMARY KEY,
    name          VARCHAR(200)  NOT NULL,
    -- The name while the key is live, NULL once revoked: the unique index below then makes names unique among
    -- live keys only (H2 has no partial indexes; NULLs never collide in a unique index on either database).
    active_name   VARCHAR(200),
    -- Space-separated permission names, e.g. 'job_runner:read job_runner:write'.
    permissions   VARCHAR(200)  NOT NULL,
    -- Lowercase hex SHA-256 of the whole key text. A fast hash is right here: the secret part is 256 random
    -- bits, so there is nothing to guess or brute-force that a slow password hash (bcrypt, Argon2) would
    -- protect, and a fast one keeps per-request checks cheap.
    secret_hash   VARCHAR(64)   NOT NULL,
    created_at    BIGINT        NOT NULL,
    created_by    VARCHAR(200)  NOT NULL,
    revoked_at    BIGINT,
    revoked_by    VARCHAR(200),
    -- Approximate: written at most about once a minute per key, not on every request.
    last_used_at  BIGINT
);
CREATE UNIQUE INDEX api_key_active_name ON api_key (active_name);
CREATE INDEX api_key_created_order ON api_key (created_at, id);
