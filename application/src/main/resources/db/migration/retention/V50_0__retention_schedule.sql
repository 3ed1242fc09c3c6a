CREATE SCHEMA IF NOT EXISTS retention;

-- Retention schedule (projection "retention-schedule", rebuildable by replay). Facts only, no personal data:
-- which case or card (source) of which cardholder holds which data classes, and when its lifecycle facts happened.
CREATE TABLE retention.schedule_source (
    source_id        uuid        NOT NULL,
    kind             varchar(8)  NOT NULL,
    cardholder_id    uuid        NOT NULL,
    site_id          uuid        NOT NULL,
    opened_on        date        NOT NULL,
    appeal_closes_at timestamptz,
    appeal_pending   boolean     NOT NULL DEFAULT false,
    CONSTRAINT schedule_source_pk PRIMARY KEY (source_id),
    CONSTRAINT schedule_source_kind_ck CHECK (kind IN ('CASE', 'CARD'))
);
CREATE INDEX schedule_source_cardholder_ix ON retention.schedule_source (cardholder_id);
CREATE INDEX schedule_source_site_ix ON retention.schedule_source (site_id, opened_on);

-- A source holds data of a class, sealed last at sealed_at.
CREATE TABLE retention.schedule_sealed (
    source_id  uuid        NOT NULL,
    data_class varchar(16) NOT NULL,
    sealed_at  timestamptz NOT NULL,
    CONSTRAINT schedule_sealed_pk PRIMARY KEY (source_id, data_class)
);

-- When a trigger (or SUBSUMED) happened for a source; the latest occurrence counts.
CREATE TABLE retention.schedule_fact (
    source_id   uuid        NOT NULL,
    fact        varchar(32) NOT NULL,
    occurred_at timestamptz NOT NULL,
    CONSTRAINT schedule_fact_pk PRIMARY KEY (source_id, fact)
);

-- The latest purge of a cardholder's class seen in the events: data sealed before it is gone.
CREATE TABLE retention.schedule_purge (
    cardholder_id uuid        NOT NULL,
    data_class    varchar(16) NOT NULL,
    purged_at     timestamptz NOT NULL,
    CONSTRAINT schedule_purge_pk PRIMARY KEY (cardholder_id, data_class)
);

-- Per (cardholder, data class): when it is due (NULL: some reason to keep it has not ended) and the deciding rule.
CREATE TABLE retention.schedule_item (
    cardholder_id uuid         NOT NULL,
    data_class    varchar(16)  NOT NULL,
    due_at        timestamptz,
    rule_id       varchar(128),
    sealed_at     timestamptz  NOT NULL,
    CONSTRAINT schedule_item_pk PRIMARY KEY (cardholder_id, data_class)
);
CREATE INDEX schedule_item_due_ix ON retention.schedule_item (due_at) WHERE due_at IS NOT NULL;

-- The policy the items were computed with; a different active policy recomputes them at start-up.
CREATE TABLE retention.schedule_policy (
    singleton      boolean     NOT NULL DEFAULT true,
    profile        varchar(64) NOT NULL,
    policy_version varchar(64) NOT NULL,
    CONSTRAINT schedule_policy_pk PRIMARY KEY (singleton),
    CONSTRAINT schedule_policy_singleton_ck CHECK (singleton)
);

-- Active and released legal holds (subscribing processor "retention-holds", same transaction as the hold events).
CREATE TABLE retention.legal_hold (
    hold_id           uuid          NOT NULL,
    case_ids          uuid[]        NOT NULL,
    subject_ids       uuid[]        NOT NULL,
    site_id           uuid,
    from_date         date,
    to_date           date,
    reason            varchar(500)  NOT NULL,
    authority         varchar(200)  NOT NULL,
    placed_at         timestamptz   NOT NULL,
    released_at       timestamptz,
    release_authority varchar(200),
    CONSTRAINT legal_hold_pk PRIMARY KEY (hold_id)
);

-- Sweeps and their durable work lists: each batch of items is one transaction (keys destroyed, copies removed,
-- events appended, item states and counts updated), so a killed sweep resumes where it stopped.
CREATE TABLE retention.sweep (
    sweep_id            uuid         NOT NULL,
    trigger_kind        varchar(16)  NOT NULL,
    started_by          varchar(128) NOT NULL,
    profile             varchar(64)  NOT NULL,
    policy_version      varchar(64)  NOT NULL,
    as_of               timestamptz  NOT NULL,
    started_at          timestamptz  NOT NULL,
    finished_at         timestamptz,
    state               varchar(16)  NOT NULL,
    total               integer      NOT NULL,
    purged              integer      NOT NULL DEFAULT 0,
    held                integer      NOT NULL DEFAULT 0,
    failed              integer      NOT NULL DEFAULT 0,
    no_longer_due       integer      NOT NULL DEFAULT 0,
    next_event_sequence bigint       NOT NULL DEFAULT 0,
    CONSTRAINT sweep_pk PRIMARY KEY (sweep_id),
    CONSTRAINT sweep_state_ck CHECK (state IN ('RUNNING', 'COMPLETED'))
);
CREATE UNIQUE INDEX sweep_one_running_uk ON retention.sweep (state) WHERE state = 'RUNNING';

CREATE TABLE retention.sweep_item (
    sweep_id      uuid         NOT NULL,
    item_no       integer      NOT NULL,
    cardholder_id uuid         NOT NULL,
    data_class    varchar(16)  NOT NULL,
    rule_id       varchar(128) NOT NULL,
    due_at        timestamptz  NOT NULL,
    state         varchar(16)  NOT NULL DEFAULT 'PENDING',
    CONSTRAINT sweep_item_pk PRIMARY KEY (sweep_id, item_no),
    CONSTRAINT sweep_item_state_ck CHECK (state IN ('PENDING', 'PURGED', 'HELD', 'FAILED', 'NO_LONGER_DUE'))
);
CREATE INDEX sweep_item_pending_ix ON retention.sweep_item (sweep_id, item_no) WHERE state = 'PENDING';

-- The latest purge of each (cardholder, class), written in the purging batch's transaction: a later sweep never
-- plans an item again unless data was sealed after this purge.
CREATE TABLE retention.purge_record (
    cardholder_id uuid        NOT NULL,
    data_class    varchar(16) NOT NULL,
    purged_at     timestamptz NOT NULL,
    sweep_id      uuid        NOT NULL,
    CONSTRAINT purge_record_pk PRIMARY KEY (cardholder_id, data_class)
);

-- Signed purge manifests, one per completed sweep, chained by the SHA-256 of the previous manifest.
CREATE TABLE retention.manifest (
    sweep_id        uuid        NOT NULL,
    sequence_no     bigint      NOT NULL,
    manifest        bytea       NOT NULL,
    signature       bytea       NOT NULL,
    sha256          bytea       NOT NULL,
    previous_sha256 bytea,
    created_at      timestamptz NOT NULL,
    CONSTRAINT manifest_pk PRIMARY KEY (sweep_id),
    CONSTRAINT manifest_sequence_uk UNIQUE (sequence_no)
);
