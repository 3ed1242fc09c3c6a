-- Idempotency records keep neither the client's key nor the request (docs/privacy.md): the row is found by a keyed
-- hash of (actor, key) and lives only for mincard.idempotency.retention (default 24 h). Rows written before this
-- version hold the key in plaintext and cannot be re-keyed here (the blind-index key is not in the database), so they
-- are removed: a retry of a request sent before the upgrade opens a new case instead of replaying the first answer.
DELETE FROM lookup.idempotent_request;
ALTER TABLE lookup.idempotent_request DROP CONSTRAINT idempotent_request_pk;
ALTER TABLE lookup.idempotent_request DROP COLUMN idempotency_key;
ALTER TABLE lookup.idempotent_request DROP COLUMN actor_id;
ALTER TABLE lookup.idempotent_request ADD COLUMN key_hash bytea NOT NULL;
ALTER TABLE lookup.idempotent_request ADD CONSTRAINT idempotent_request_pk PRIMARY KEY (key_hash);
CREATE INDEX idempotent_request_created_ix ON lookup.idempotent_request (created_at);
CREATE INDEX idempotent_request_cardholder_ix ON lookup.idempotent_request (cardholder_id);
