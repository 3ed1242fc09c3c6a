-- Which nodes take part in each pooled event processor (ADR 0023): every node refreshes its rows every few seconds
-- (database time) and deletes them when it stops. A node's fair share of a processor's segments is computed from the
-- rows that are fresh; a node that died stops counting once its rows are older than mincard.processors.member-timeout.
-- node_id is the node's token-store owner name (process id and host name), never personal data.
CREATE SCHEMA IF NOT EXISTS operations;

CREATE TABLE operations.processor_member (
    processor_name varchar(255) NOT NULL,
    node_id        varchar(255) NOT NULL,
    heartbeat_at   timestamptz  NOT NULL,
    CONSTRAINT processor_member_pk PRIMARY KEY (processor_name, node_id)
);

-- A replay on a live cluster: the node that resets a processor asks every other node to release that processor's
-- segments until it has reset the tokens (a reset needs every segment's claim), then deletes the row. A row outlives
-- a node that died mid-reset by at most until.
CREATE TABLE operations.processor_pause (
    processor_name varchar(255) NOT NULL,
    node_id        varchar(255) NOT NULL,
    until          timestamptz  NOT NULL,
    CONSTRAINT processor_pause_pk PRIMARY KEY (processor_name)
);
