CREATE SCHEMA IF NOT EXISTS read_model;

-- Non-personal facts of each case. Owned by the case-view projection.
CREATE TABLE read_model.case_view (
    case_id          uuid        NOT NULL,
    case_type        varchar(16) NOT NULL,
    site_id          uuid        NOT NULL,
    state            varchar(32) NOT NULL,
    cardholder_id    uuid        NOT NULL,
    age_band         varchar(16) NOT NULL,
    previous_card_id uuid,
    card_id          uuid,
    points_rule_met  boolean,
    denial_reason    varchar(40),
    appeal_deadline  timestamptz,
    submitted_at     timestamptz NOT NULL,
    last_changed_at  timestamptz NOT NULL,
    version          bigint      NOT NULL,
    CONSTRAINT case_view_pk PRIMARY KEY (case_id)
);
CREATE INDEX case_view_cardholder_ix ON read_model.case_view (cardholder_id);

-- One row per case event: what happened, when, by which user id and role.
CREATE TABLE read_model.case_history (
    case_id     uuid        NOT NULL,
    sequence    bigint      NOT NULL,
    event       varchar(64) NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor_id    varchar(128),
    actor_role  varchar(32),
    CONSTRAINT case_history_pk PRIMARY KEY (case_id, sequence)
);

-- Sealed copies of a case's personal fields (ciphertext only). Retention deletes a class's rows when it purges.
CREATE TABLE read_model.case_sealed_field (
    case_id     uuid        NOT NULL,
    field       varchar(16) NOT NULL,
    subject_id  uuid        NOT NULL,
    data_class  varchar(16) NOT NULL,
    key_version integer     NOT NULL,
    ciphertext  bytea       NOT NULL,
    CONSTRAINT case_sealed_field_pk PRIMARY KEY (case_id, field)
);
CREATE INDEX case_sealed_field_subject_ix ON read_model.case_sealed_field (subject_id, data_class);
