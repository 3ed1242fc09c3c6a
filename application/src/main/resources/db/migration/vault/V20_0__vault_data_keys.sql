CREATE SCHEMA IF NOT EXISTS vault;

-- One data key per (subject, data class, key version), wrapped under a key-encryption key (KEK) that is never stored
-- in the database. Destroying a key erases wrapped_key and leaves the row as a tombstone naming the purge, so that
-- the version number is never handed out again and an auditor can see when and under which rule it went.
CREATE TABLE vault.data_key (
    subject_id     uuid        NOT NULL,
    data_class     varchar(32) NOT NULL,
    key_version    integer     NOT NULL,
    kek_id         varchar(64) NOT NULL,
    wrapped_key    bytea,
    created_at     timestamptz NOT NULL,
    rewrapped_at   timestamptz,
    destroyed_at   timestamptz,
    purge_sweep_id uuid,
    purge_rule_id  varchar(128),
    CONSTRAINT data_key_pk PRIMARY KEY (subject_id, data_class, key_version),
    CONSTRAINT data_key_version_ck CHECK (key_version >= 1),
    CONSTRAINT data_key_live_or_tombstone_ck CHECK (
        (wrapped_key IS NOT NULL AND destroyed_at IS NULL)
        OR (wrapped_key IS NULL AND destroyed_at IS NOT NULL))
);

-- Rotation and its progress count live keys per KEK.
CREATE INDEX data_key_live_kek_ix ON vault.data_key (kek_id) WHERE wrapped_key IS NOT NULL;

-- Rewrapping every live data key under a new KEK, in batches; progress survives a restart.
CREATE TABLE vault.key_rotation (
    rotation_id   uuid         NOT NULL,
    target_kek_id varchar(64)  NOT NULL,
    state         varchar(16)  NOT NULL,
    total         bigint       NOT NULL,
    done          bigint       NOT NULL,
    started_by    varchar(255) NOT NULL,
    started_at    timestamptz  NOT NULL,
    finished_at   timestamptz,
    CONSTRAINT key_rotation_pk PRIMARY KEY (rotation_id),
    CONSTRAINT key_rotation_state_ck CHECK (state IN ('RUNNING', 'COMPLETED', 'FAILED'))
);
