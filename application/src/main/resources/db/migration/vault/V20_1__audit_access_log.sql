CREATE SCHEMA IF NOT EXISTS audit;

-- Every attempt to read personal data through the gate: who, in which role and site, whose data (case and subject
-- ids, never names), which class, why, when, and what happened. Holds no personal data. Append-only and ordered by
-- access_id, so that the oversight work can hash-chain it in that order.
CREATE TABLE audit.access_record (
    access_id         bigserial    NOT NULL,
    occurred_at       timestamptz  NOT NULL,
    actor_id          varchar(255) NOT NULL,
    actor_role        varchar(32)  NOT NULL,
    site_id           uuid,
    case_id           uuid,
    subject_id        uuid         NOT NULL,
    data_class        varchar(32)  NOT NULL,
    purpose           varchar(32)  NOT NULL,
    outcome           varchar(16)  NOT NULL,
    refusal_reason    varchar(32),
    request_reference varchar(128),
    CONSTRAINT access_record_pk PRIMARY KEY (access_id),
    CONSTRAINT access_record_outcome_ck CHECK (outcome IN ('SHOWN', 'PURGED', 'REFUSED', 'RATE_LIMITED')),
    CONSTRAINT access_record_reason_ck CHECK ((outcome = 'REFUSED') = (refusal_reason IS NOT NULL))
);

CREATE INDEX access_record_subject_ix ON audit.access_record (subject_id, access_id);
CREATE INDEX access_record_case_ix ON audit.access_record (case_id, access_id) WHERE case_id IS NOT NULL;
CREATE INDEX access_record_actor_ix ON audit.access_record (actor_id, occurred_at);

CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit.% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER access_record_append_only
    BEFORE UPDATE OR DELETE ON audit.access_record
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();

CREATE TRIGGER access_record_no_truncate
    BEFORE TRUNCATE ON audit.access_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
