-- ShedLock's table for the periodic checkpoint (Checkpoints.onSchedule): every node's cron fires, the node that takes
-- this lock signs the checkpoint and the others skip it, so one checkpoint is taken per firing, not one per node.
-- Columns as ShedLock expects them (database time, UTC); locked_by is a process name (pid@host), never personal data.
CREATE TABLE audit.checkpoint_lock (
    name       varchar(64)  NOT NULL,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL,
    CONSTRAINT checkpoint_lock_pk PRIMARY KEY (name)
);
