-- KEK epochs (ADR 0010). Each key-encryption key version is an epoch: it becomes current (activated_at), is retired
-- when a rotation has moved every live data key away from it (retired_at), and is destroyed once the backup-retention
-- period has passed since then (destroy_after, destroyed_at). The erasure horizon of a purged item is the
-- destruction time of the KEK that wrapped its key: from then on no copy of that key (WAL, old row versions, backups)
-- can be unwrapped. Ids only, no key material.
CREATE TABLE vault.kek_epoch (
    kek_id        varchar(64) NOT NULL,
    epoch_no      integer     NOT NULL,
    activated_at  timestamptz NOT NULL,
    retired_at    timestamptz,
    retired_by    uuid,
    destroy_after timestamptz,
    destroyed_at  timestamptz,
    CONSTRAINT kek_epoch_pk PRIMARY KEY (kek_id),
    CONSTRAINT kek_epoch_no_uq UNIQUE (epoch_no),
    CONSTRAINT kek_epoch_retired_ck CHECK ((retired_at IS NULL) = (destroy_after IS NULL)),
    CONSTRAINT kek_epoch_destroyed_ck CHECK (destroyed_at IS NULL OR retired_at IS NOT NULL)
);

-- A rotation resumes after a crash from its cursor (the last key of its last committed batch); a heartbeat per batch
-- lets another node see that the node running it died.
ALTER TABLE vault.key_rotation
    ADD COLUMN cursor_subject_id  uuid,
    ADD COLUMN cursor_data_class  varchar(32),
    ADD COLUMN cursor_key_version integer,
    ADD COLUMN heartbeat_at       timestamptz;

-- One rotation at a time across all nodes; rotations left RUNNING by older versions are resumed (the newest) or
-- closed as FAILED (the rest).
UPDATE vault.key_rotation SET state = 'FAILED', finished_at = now()
WHERE state = 'RUNNING'
  AND rotation_id <> (SELECT rotation_id FROM vault.key_rotation WHERE state = 'RUNNING'
                      ORDER BY started_at DESC LIMIT 1);
CREATE UNIQUE INDEX key_rotation_one_running_uq ON vault.key_rotation ((true)) WHERE state = 'RUNNING';

-- Horizons of purged items: tombstones grouped by the KEK that wrapped them.
CREATE INDEX data_key_tombstone_kek_ix ON vault.data_key (kek_id) WHERE wrapped_key IS NULL;
