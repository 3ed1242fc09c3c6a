-- Legal holds join the tamper-evident chains. retention.legal_hold keeps each hold's current state (a release
-- updates its row), so it cannot be chained itself; audit.legal_hold_entry keeps one append-only row per hold event,
-- written in the same transaction as the event (subscribing processor "retention-holds"). The row holds ids, dates
-- and SHA-256 digests of the free-text reason and authority (docket or order references), never the text itself.
CREATE TABLE audit.legal_hold_entry (
    entry_id         bigserial   NOT NULL,
    hold_id          uuid        NOT NULL,
    event_type       varchar(32) NOT NULL,
    occurred_at      timestamptz NOT NULL,
    case_ids         uuid[],
    subject_ids      uuid[],
    site_id          uuid,
    from_date        date,
    to_date          date,
    reason_sha256    char(64),
    authority_sha256 char(64)   NOT NULL,
    CONSTRAINT legal_hold_entry_pk PRIMARY KEY (entry_id),
    CONSTRAINT legal_hold_entry_event_uk UNIQUE (hold_id, event_type),
    CONSTRAINT legal_hold_entry_type_ck CHECK (event_type IN ('LegalHoldPlaced', 'LegalHoldReleased'))
);

-- Holds placed before this version enter the chain in the order they happened.
INSERT INTO audit.legal_hold_entry (hold_id, event_type, occurred_at, case_ids, subject_ids, site_id, from_date,
                                    to_date, reason_sha256, authority_sha256)
SELECT hold_id, event_type, occurred_at, case_ids, subject_ids, site_id, from_date, to_date, reason_sha256,
       authority_sha256
FROM (SELECT hold_id, 'LegalHoldPlaced' AS event_type, placed_at AS occurred_at, case_ids, subject_ids, site_id,
             from_date, to_date, encode(sha256(convert_to(reason, 'UTF8')), 'hex') AS reason_sha256,
             encode(sha256(convert_to(authority, 'UTF8')), 'hex') AS authority_sha256, 0 AS step
      FROM retention.legal_hold
      UNION ALL
      SELECT hold_id, 'LegalHoldReleased', released_at, NULL, NULL, NULL, NULL, NULL, NULL,
             encode(sha256(convert_to(release_authority, 'UTF8')), 'hex'), 1
      FROM retention.legal_hold WHERE released_at IS NOT NULL) history
ORDER BY occurred_at, step, hold_id;

SELECT audit.register_chained_stream('legal-holds', 'audit.legal_hold_entry', 'entry_id',
    ARRAY['hold_id', 'event_type', 'occurred_at', 'case_ids', 'subject_ids', 'site_id', 'from_date', 'to_date',
          'reason_sha256', 'authority_sha256']);
