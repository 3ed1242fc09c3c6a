-- Searches by personal data (a name or a card number in a work-queue search): who searched, when, in which queue,
-- how many name tokens, and how many candidates the blind index found. Never the terms themselves. Probing whether
-- a person is known to the program leaves a trace even when nothing is shown. Append-only and hash-chained.
CREATE TABLE audit.search_record (
    search_id   bigserial    NOT NULL,
    occurred_at timestamptz  NOT NULL,
    actor_id    varchar(255) NOT NULL,
    actor_role  varchar(32)  NOT NULL,
    kind        varchar(16)  NOT NULL,
    queue       varchar(64)  NOT NULL,
    terms       integer      NOT NULL,
    matches     integer      NOT NULL,
    CONSTRAINT search_record_pk PRIMARY KEY (search_id),
    CONSTRAINT search_record_kind_ck CHECK (kind IN ('NAME', 'CARD_NUMBER')),
    CONSTRAINT search_record_counts_ck CHECK (terms >= 0 AND matches >= 0)
);

CREATE INDEX search_record_actor_ix ON audit.search_record (actor_id, occurred_at);

SELECT audit.register_chained_stream('search-log', 'audit.search_record', 'search_id',
    ARRAY['occurred_at', 'actor_id', 'actor_role', 'kind', 'queue', 'terms', 'matches']);
