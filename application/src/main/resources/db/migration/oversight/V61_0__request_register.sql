-- The third-party data request register. oversight.data_request holds each request's current state for the
-- records officer's and auditors' queries and the disclosure check; audit.request_register_entry keeps one
-- append-only, hash-chained row per register event. Neither holds personal data: case and subject ids are random
-- UUIDs, and the chained row carries only a SHA-256 of the free-text scope description.
CREATE SCHEMA IF NOT EXISTS oversight;

CREATE TABLE oversight.data_request (
    request_id          uuid         NOT NULL,
    requester_type      varchar(32)  NOT NULL,
    instrument          varchar(32)  NOT NULL,
    case_ids            uuid[]       NOT NULL,
    subject_ids         uuid[]       NOT NULL,
    scope_description   varchar(500) NOT NULL,
    received_on         date         NOT NULL,
    registered_at       timestamptz  NOT NULL,
    counsel_reviewer_id varchar(255),
    decision            varchar(32),
    decided_on          date,
    holder_notified     boolean      NOT NULL DEFAULT false,
    notified_on         date,
    responded_on        date,
    days_to_respond     bigint,
    CONSTRAINT data_request_pk PRIMARY KEY (request_id)
);

CREATE INDEX data_request_received_ix ON oversight.data_request (received_on);

CREATE TABLE audit.request_register_entry (
    entry_id            bigserial    NOT NULL,
    request_id          uuid         NOT NULL,
    event_type          varchar(64)  NOT NULL,
    recorded_at         timestamptz  NOT NULL,
    requester_type      varchar(32),
    instrument          varchar(32),
    case_ids            uuid[],
    subject_ids         uuid[],
    scope_sha256        char(64),
    received_on         date,
    counsel_reviewer_id varchar(255),
    decision            varchar(32),
    event_date          date,
    CONSTRAINT request_register_entry_pk PRIMARY KEY (entry_id)
);

CREATE INDEX request_register_entry_request_ix ON audit.request_register_entry (request_id, entry_id);

SELECT audit.register_chained_stream('request-register', 'audit.request_register_entry', 'entry_id',
    ARRAY['request_id', 'event_type', 'recorded_at', 'requester_type', 'instrument', 'case_ids', 'subject_ids',
          'scope_sha256', 'received_on', 'counsel_reviewer_id', 'decision', 'event_date']);
