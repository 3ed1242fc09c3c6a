-- Axon Framework 4 JDBC tables. Axon's JDBC code uses unquoted CamelCase names, which PostgreSQL folds to
-- lower case. Payloads and metadata are bytea (never large objects); constraint names are explicit.

CREATE TABLE domainevententry (
    globalindex         bigserial    NOT NULL,
    aggregateidentifier varchar(255) NOT NULL,
    sequencenumber      bigint       NOT NULL,
    type                varchar(255),
    eventidentifier     varchar(255) NOT NULL,
    metadata            bytea,
    payload             bytea        NOT NULL,
    payloadrevision     varchar(255),
    payloadtype         varchar(255) NOT NULL,
    timestamp           varchar(255) NOT NULL,
    CONSTRAINT domainevententry_pk PRIMARY KEY (globalindex),
    CONSTRAINT domainevententry_aggregate_sequence_uk UNIQUE (aggregateidentifier, sequencenumber),
    CONSTRAINT domainevententry_event_identifier_uk UNIQUE (eventidentifier)
);

CREATE TABLE snapshotevententry (
    aggregateidentifier varchar(255) NOT NULL,
    sequencenumber      bigint       NOT NULL,
    type                varchar(255) NOT NULL,
    eventidentifier     varchar(255) NOT NULL,
    metadata            bytea,
    payload             bytea        NOT NULL,
    payloadrevision     varchar(255),
    payloadtype         varchar(255) NOT NULL,
    timestamp           varchar(255) NOT NULL,
    CONSTRAINT snapshotevententry_pk PRIMARY KEY (aggregateidentifier, sequencenumber),
    CONSTRAINT snapshotevententry_event_identifier_uk UNIQUE (eventidentifier)
);

CREATE TABLE tokenentry (
    processorname varchar(255) NOT NULL,
    segment       integer      NOT NULL,
    token         bytea,
    tokentype     varchar(255),
    timestamp     varchar(255),
    owner         varchar(255),
    CONSTRAINT tokenentry_pk PRIMARY KEY (processorname, segment)
);

CREATE TABLE sagaentry (
    sagaid         varchar(255) NOT NULL,
    revision       varchar(255),
    sagatype       varchar(255),
    serializedsaga bytea,
    CONSTRAINT sagaentry_pk PRIMARY KEY (sagaid)
);

CREATE TABLE associationvalueentry (
    id               bigserial    NOT NULL,
    associationkey   varchar(255) NOT NULL,
    associationvalue varchar(255),
    sagaid           varchar(255) NOT NULL,
    sagatype         varchar(255),
    CONSTRAINT associationvalueentry_pk PRIMARY KEY (id)
);
CREATE INDEX associationvalueentry_saga_type_key_value_ix
    ON associationvalueentry (sagatype, associationkey, associationvalue);
CREATE INDEX associationvalueentry_saga_id_type_ix ON associationvalueentry (sagaid, sagatype);

-- Dead letters of the event processors. Axon's generic factory names the key "PK", which would collide in a
-- PostgreSQL schema; every name here is explicit. A dead letter holds the full event payload: since events hold
-- personal data only sealed, so does this table. Timestamps are ISO strings, as Axon writes them.
CREATE TABLE deadletterentry (
    deadletteridentifier varchar(255)  NOT NULL,
    processinggroup      varchar(255)  NOT NULL,
    sequenceidentifier   varchar(255)  NOT NULL,
    sequenceindex        bigint        NOT NULL,
    messagetype          varchar(255)  NOT NULL,
    eventidentifier      varchar(255)  NOT NULL,
    timestamp            varchar(255)  NOT NULL,
    payloadtype          varchar(255)  NOT NULL,
    payloadrevision      varchar(255),
    payload              bytea         NOT NULL,
    metadata             bytea,
    type                 varchar(255),
    aggregateidentifier  varchar(255),
    sequencenumber       bigint,
    tokentype            varchar(255),
    token                bytea,
    enqueuedat           varchar(255)  NOT NULL,
    lasttouched          varchar(255),
    processingstarted    varchar(255),
    causetype            varchar(255),
    causemessage         varchar(1023),
    diagnostics          bytea,
    CONSTRAINT deadletterentry_pk PRIMARY KEY (deadletteridentifier),
    CONSTRAINT deadletterentry_sequence_index_uk UNIQUE (processinggroup, sequenceidentifier, sequenceindex)
);
CREATE INDEX deadletterentry_processing_group_ix ON deadletterentry (processinggroup);
CREATE INDEX deadletterentry_sequence_ix ON deadletterentry (processinggroup, sequenceidentifier);
