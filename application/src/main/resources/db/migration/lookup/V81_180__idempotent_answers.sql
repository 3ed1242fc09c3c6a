-- Idempotency for every state-changing request (ADR 0018): a record now holds the first answer (status, the headers
-- that matter, body), sealed with AES-GCM under a key derived from the client's own key and the blind-index key, so
-- neither the database nor its backups can read it without the key the client kept. case_id / cardholder_id are
-- filled when the answer names them (a submission), so a sweep that purges the cardholder still removes the record.
-- Requests that run in their own transactions (sweeps, rotations, replays) are IN_FLIGHT until they answer.
-- Rows written before this version answer a different fingerprint (the parsed fields rather than the request
-- bytes) and hold no answer; they live at most 24 h and are removed here: a retry across the upgrade opens a new case.
DELETE FROM lookup.idempotent_request;
ALTER TABLE lookup.idempotent_request ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE lookup.idempotent_request ALTER COLUMN cardholder_id DROP NOT NULL;
ALTER TABLE lookup.idempotent_request ADD COLUMN state varchar(16) NOT NULL DEFAULT 'DONE'
    CONSTRAINT idempotent_request_state_ck CHECK (state IN ('IN_FLIGHT', 'DONE'));
ALTER TABLE lookup.idempotent_request ADD COLUMN answer bytea;
