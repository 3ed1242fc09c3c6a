-- Name search without names: one keyed blind index (HMAC-SHA256, key outside the database) per normalized token of
-- an applicant's legal name, per case. Written in the transaction that submits the case. Retention deletes a
-- cardholder's rows when the card record is purged (NameIndex.forget).
CREATE TABLE lookup.name_token (
    token_index   bytea NOT NULL,
    case_id       uuid  NOT NULL,
    cardholder_id uuid  NOT NULL,
    CONSTRAINT name_token_pk PRIMARY KEY (token_index, case_id)
);
-- The search looks up by token (the primary key); forgetting a cardholder deletes by this index.
CREATE INDEX name_token_cardholder_ix ON lookup.name_token (cardholder_id);
