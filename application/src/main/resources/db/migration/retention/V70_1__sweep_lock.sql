-- The cluster lock of retention sweeps (ShedLock's JDBC provider, database time): one node at a time runs a sweep.
-- Columns as ShedLock expects them; locked_by is a host name, never personal data.
CREATE TABLE retention.sweep_lock (
    name       varchar(64)  NOT NULL,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL,
    CONSTRAINT sweep_lock_pk PRIMARY KEY (name)
);
