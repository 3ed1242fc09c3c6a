-- Legacy references of imported cardholders (issue 17): a keyed blind index (HMAC-SHA256, key outside the database)
-- of the reference a city's previous system gave each person, so importing the same file again adds nobody twice.
-- The reference itself is never stored. When the cardholder's card record is purged the link to the case and the
-- cardholder is cleared but the index stays, so re-running an old migration file cannot bring a purged person back.
CREATE TABLE lookup.legacy_reference (
    reference_index bytea       NOT NULL,
    case_id         uuid,
    cardholder_id   uuid,
    imported_at     timestamptz NOT NULL,
    CONSTRAINT legacy_reference_pk PRIMARY KEY (reference_index)
);
CREATE INDEX legacy_reference_cardholder_ix ON lookup.legacy_reference (cardholder_id);
