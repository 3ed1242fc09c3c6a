CREATE SCHEMA IF NOT EXISTS read_model;

-- Non-personal facts of each case. Owned by the case-summary projection.
CREATE TABLE read_model.case_summary (
    case_id         uuid        NOT NULL,
    case_type       varchar(16) NOT NULL,
    site_id         uuid        NOT NULL,
    state           varchar(32) NOT NULL,
    submitted_at    timestamptz NOT NULL,
    last_changed_at timestamptz NOT NULL,
    version         bigint      NOT NULL,
    CONSTRAINT case_summary_pk PRIMARY KEY (case_id)
);
