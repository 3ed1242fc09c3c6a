-- Tamper evidence for append-only tables (ADR 0008). A table becomes a chained stream with one call of
-- audit.register_chained_stream(stream, table, id column, columns): rows are appended unchained (a bigserial id is
-- the only ordering writers share), and the chainer links them in id order, in batches, under an advisory lock.
-- Each link stores the hash of the previous link and SHA-256(previous hash || canonical encoding of the row), the
-- encoding covering exactly the registered columns, which must hold no personal data.

CREATE SCHEMA IF NOT EXISTS audit;

CREATE TABLE audit.chained_stream (
    stream        varchar(64)  NOT NULL,
    table_name    text         NOT NULL,
    id_column     text         NOT NULL,
    columns       text[]       NOT NULL,
    registered_at timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT chained_stream_pk PRIMARY KEY (stream),
    CONSTRAINT chained_stream_name_ck CHECK (stream ~ '^[a-z][a-z0-9-]{0,63}$'),
    CONSTRAINT chained_stream_columns_ck CHECK (cardinality(columns) > 0)
);

CREATE TABLE audit.chain_link (
    stream    varchar(64) NOT NULL,
    record_id bigint      NOT NULL,
    position  bigint      NOT NULL,
    prev_hash bytea       NOT NULL,
    hash      bytea       NOT NULL,
    linked_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chain_link_pk PRIMARY KEY (stream, record_id),
    CONSTRAINT chain_link_position_uq UNIQUE (stream, position),
    CONSTRAINT chain_link_stream_fk FOREIGN KEY (stream) REFERENCES audit.chained_stream (stream),
    CONSTRAINT chain_link_hash_ck CHECK (octet_length(hash) = 32 AND octet_length(prev_hash) = 32)
);

CREATE TRIGGER chain_link_append_only
    BEFORE UPDATE OR DELETE ON audit.chain_link
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();

CREATE TRIGGER chain_link_no_truncate
    BEFORE TRUNCATE ON audit.chain_link
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

CREATE TRIGGER chained_stream_append_only
    BEFORE UPDATE OR DELETE ON audit.chained_stream
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();

-- Signed checkpoints: the chain heads at a moment, signed with the service's Ed25519 key. The payload is the exact
-- JSON text that was signed; auditors keep copies outside the database.
CREATE TABLE audit.checkpoint (
    checkpoint_id uuid        NOT NULL,
    taken_at      timestamptz NOT NULL,
    key_id        varchar(64) NOT NULL,
    payload       text        NOT NULL,
    signature     bytea       NOT NULL,
    CONSTRAINT checkpoint_pk PRIMARY KEY (checkpoint_id)
);

CREATE INDEX checkpoint_taken_ix ON audit.checkpoint (taken_at);

CREATE TRIGGER checkpoint_append_only
    BEFORE UPDATE OR DELETE ON audit.checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();

-- Registers a table as a chained stream: records its canonical encoding, revokes UPDATE, DELETE and TRUNCATE from
-- every role but the owner, and adds append-only triggers unless the table has them already. Run by Flyway (the
-- owner) in the migration that creates the table, or in a later one.
CREATE FUNCTION audit.register_chained_stream(p_stream text, p_table regclass, p_id_column text, p_columns text[])
    RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    grantee name;
    short_name text := (SELECT relname FROM pg_class WHERE oid = p_table);
BEGIN
    INSERT INTO audit.chained_stream (stream, table_name, id_column, columns)
    VALUES (p_stream, p_table::text, p_id_column, p_columns);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM PUBLIC', p_table);
    FOR grantee IN SELECT rolname FROM pg_roles
                   WHERE rolname NOT LIKE 'pg\_%'
                     AND oid <> (SELECT relowner FROM pg_class WHERE oid = p_table)
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM %I', p_table, grantee);
    END LOOP;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                   WHERE t.tgrelid = p_table AND p.proname = 'refuse_change') THEN
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %s FOR EACH ROW '
                       || 'EXECUTE FUNCTION audit.refuse_change()', short_name || '_append_only', p_table);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %s FOR EACH STATEMENT '
                       || 'EXECUTE FUNCTION audit.refuse_change()', short_name || '_no_truncate', p_table);
    END IF;
END;
$$;

SELECT audit.register_chained_stream('access-log', 'audit.access_record', 'access_id',
    ARRAY['occurred_at', 'actor_id', 'actor_role', 'site_id', 'case_id', 'subject_id', 'data_class', 'purpose',
          'outcome', 'refusal_reason', 'request_reference']);
