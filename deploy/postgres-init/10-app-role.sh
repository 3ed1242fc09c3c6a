#!/bin/sh
# First start of the compose database only: the application's restricted login role. The schema owner (POSTGRES_USER)
# runs the migrations, which grant this role what it needs and never UPDATE/DELETE on the chained audit tables
# (V60_1__application_role.sql). The service connects as this role.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v app_password="$MINCARD_DB_APP_PASSWORD" <<'SQL'
CREATE ROLE mincard_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'app_password';
SQL
