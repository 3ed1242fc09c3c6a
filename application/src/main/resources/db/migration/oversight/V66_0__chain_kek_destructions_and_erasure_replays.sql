-- Two more tamper-evident streams (ADR 0010), ids and times only:
-- kek-destructions: one row per key-encryption key version destroyed at the end of its epoch.
-- erasure-replays: one row per data key that the erasure fence destroyed again at start-up because the database
-- held it live although the erasure ledger recorded its destruction (a backup from before the purge was restored).
CREATE TABLE audit.kek_destruction (
    entry_id      bigserial   NOT NULL,
    kek_id        varchar(64) NOT NULL,
    retired_at    timestamptz,
    destroy_after timestamptz,
    destroyed_at  timestamptz NOT NULL,
    ledger_seq    bigint      NOT NULL,
    CONSTRAINT kek_destruction_pk PRIMARY KEY (entry_id)
);

CREATE TABLE audit.erasure_replay (
    entry_id     bigserial   NOT NULL,
    replayed_at  timestamptz NOT NULL,
    subject_id   uuid        NOT NULL,
    data_class   varchar(32) NOT NULL,
    key_version  integer     NOT NULL,
    kek_id       varchar(64) NOT NULL,
    sweep_id     uuid,
    destroyed_at timestamptz NOT NULL,
    CONSTRAINT erasure_replay_pk PRIMARY KEY (entry_id)
);

SELECT audit.register_chained_stream('kek-destructions', 'audit.kek_destruction', 'entry_id',
    ARRAY['kek_id', 'retired_at', 'destroy_after', 'destroyed_at', 'ledger_seq']);
SELECT audit.register_chained_stream('erasure-replays', 'audit.erasure_replay', 'entry_id',
    ARRAY['replayed_at', 'subject_id', 'data_class', 'key_version', 'kek_id', 'sweep_id', 'destroyed_at']);
