-- The application connects as its own role (placeholder app_role, default mincard_app) while Flyway runs as the
-- owner: the application may read and write every schema, now and later (default privileges), but never update,
-- delete or truncate a chained stream or the chain itself. Without such a role (one user for everything) this
-- migration only says so: the triggers still refuse changes, but a superuser or owner can drop them.
DO $$
DECLARE
    app  name := '${app_role}';
    s    name;
    t    record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
        RAISE NOTICE 'role % does not exist: the application runs as the schema owner', app;
        RETURN;
    END IF;
    IF app = current_user THEN
        RAISE NOTICE 'the application role % owns the schemas: chained tables are protected by triggers only', app;
        RETURN;
    END IF;
    FOR s IN SELECT nspname FROM pg_namespace
             WHERE nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema'
    LOOP
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', s, app);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA %I TO %I', s, app);
        EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO %I', s, app);
    END LOOP;
    EXECUTE format('ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO %I', app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO %I', app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I', app);
    -- Flyway's own history is the owner's business.
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'flyway%' LOOP
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public.%I FROM %I', t.tablename, app);
    END LOOP;
    FOR t IN SELECT table_name FROM audit.chained_stream UNION ALL SELECT 'audit.chain_link'
             UNION ALL SELECT 'audit.chained_stream' UNION ALL SELECT 'audit.checkpoint'
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM %I', t.table_name, app);
    END LOOP;
END;
$$;
