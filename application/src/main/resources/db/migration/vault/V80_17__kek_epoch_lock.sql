-- The cluster lock of KEK epoch changes (ADR 0017; ShedLock's JDBC provider, database time): one node at a time
-- starts a rotation (generating the new KEK version it needs) or destroys a retired version. Columns as ShedLock
-- expects them; locked_by is a host name and process id, never personal data.
CREATE TABLE vault.epoch_lock (
    name       varchar(64)  NOT NULL,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL,
    CONSTRAINT epoch_lock_pk PRIMARY KEY (name)
);
