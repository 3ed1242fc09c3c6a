CREATE SCHEMA IF NOT EXISTS lookup;

-- Command-side lookup of cards, kept in the same transaction as the card events (subscribing processor).
-- The card number itself is never stored: number_index is its keyed blind index (HMAC), erased when the
-- card record is purged.
CREATE TABLE lookup.card (
    card_id       uuid        NOT NULL,
    cardholder_id uuid        NOT NULL,
    number_index  bytea,
    status        varchar(16) NOT NULL,
    issued_on     date        NOT NULL,
    expires_on    date,
    CONSTRAINT card_pk PRIMARY KEY (card_id),
    CONSTRAINT card_number_index_uk UNIQUE (number_index)
);

-- Every card number ever issued, as blind index only, so that a number is never issued twice,
-- even after the card it belonged to was purged.
CREATE TABLE lookup.issued_card_number (
    number_index bytea NOT NULL,
    CONSTRAINT issued_card_number_pk PRIMARY KEY (number_index)
);

-- Idempotency of POST /api/v1/cases: the first answer to a key is replayed for retries with the same key.
-- The request fingerprint is a keyed HMAC, never the body.
CREATE TABLE lookup.idempotent_request (
    idempotency_key     varchar(200) NOT NULL,
    actor_id            varchar(128) NOT NULL,
    request_fingerprint bytea        NOT NULL,
    case_id             uuid         NOT NULL,
    cardholder_id       uuid         NOT NULL,
    created_at          timestamptz  NOT NULL,
    CONSTRAINT idempotent_request_pk PRIMARY KEY (idempotency_key, actor_id)
);
