-- Work queues and the supervisor dashboard. Owned by the work-queue projection (processing group work-queue).
-- No personal data: ids, codes and times only. See docs/queues.md for the queries each index serves.

-- One row per case, kept after the case leaves the queues (queue NULL) so that a redelivered or replayed old event
-- can never put a closed case back: every write is guarded by the aggregate sequence in "version".
CREATE TABLE read_model.work_queue_item (
    case_id       uuid         NOT NULL,
    site_id       uuid         NOT NULL,
    case_type     varchar(16)  NOT NULL,
    cardholder_id uuid         NOT NULL,
    state         varchar(32)  NOT NULL,
    -- NULL: in no queue (closed, or denied and waiting for a possible appeal)
    queue         varchar(32),
    assignee      varchar(128),
    -- 0 = URGENT .. 3 = LOW, so that one ascending order (rank, entered_at, case_id) lists urgent and old first
    priority_rank smallint     NOT NULL,
    -- when the case entered its current queue (or, out of the queues, its current state)
    entered_at    timestamptz  NOT NULL,
    card_id       uuid,
    version       bigint       NOT NULL,
    CONSTRAINT work_queue_item_pk PRIMARY KEY (case_id),
    CONSTRAINT work_queue_item_rank_ck CHECK (priority_rank BETWEEN 0 AND 3)
);
-- A queue page for one site (the common case: a clerk works one site): range scan in page order, LIMIT stops it.
CREATE INDEX work_queue_item_site_page_ix ON read_model.work_queue_item (queue, site_id, priority_rank, entered_at, case_id)
    WHERE queue IS NOT NULL;
-- A queue page across every site (city-wide supervisors): same order without the site.
CREATE INDEX work_queue_item_page_ix ON read_model.work_queue_item (queue, priority_rank, entered_at, case_id)
    WHERE queue IS NOT NULL;
-- "My cases" and the absent-clerk reassignment.
CREATE INDEX work_queue_item_assignee_ix ON read_model.work_queue_item (assignee, queue, priority_rank, entered_at, case_id)
    WHERE queue IS NOT NULL AND assignee IS NOT NULL;
-- Queue summary and gauges: an index-only scan of the open cases (depth, oldest, overdue per type, unassigned).
CREATE INDEX work_queue_item_summary_ix ON read_model.work_queue_item (site_id, queue, case_type, entered_at)
    INCLUDE (assignee) WHERE queue IS NOT NULL;
-- Search by card number (card -> cardholder) and the site of a revoked card.
CREATE INDEX work_queue_item_cardholder_ix ON read_model.work_queue_item (cardholder_id) WHERE queue IS NOT NULL;
CREATE INDEX work_queue_item_card_ix ON read_model.work_queue_item (card_id) WHERE card_id IS NOT NULL;

-- One row per finished stay of a case in a queue: the dashboard's time in state, SLA breaches and clerk steps.
-- Keyed by the event that ended the stay, so replays and redeliveries insert nothing twice.
CREATE TABLE read_model.queue_stay (
    case_id       uuid         NOT NULL,
    left_sequence bigint       NOT NULL,
    queue         varchar(32)  NOT NULL,
    site_id       uuid         NOT NULL,
    case_type     varchar(16)  NOT NULL,
    entered_at    timestamptz  NOT NULL,
    left_at       timestamptz  NOT NULL,
    -- who held the case when it left the queue (NULL: unassigned)
    clerk_id      varchar(128),
    CONSTRAINT queue_stay_pk PRIMARY KEY (case_id, left_sequence)
);
CREATE INDEX queue_stay_site_left_ix ON read_model.queue_stay (site_id, left_at);
CREATE INDEX queue_stay_left_ix ON read_model.queue_stay (left_at);

-- Countable facts per day and site: RECEIVED, COMPLETED (detail = closing state), DENIED and REVOKED (detail =
-- reason code), ASSIGNED (a clerk claimed or was given the case). Keyed by the event, so idempotent.
CREATE TABLE read_model.dashboard_fact (
    source_id uuid         NOT NULL,
    sequence  bigint       NOT NULL,
    kind      varchar(16)  NOT NULL,
    day       date         NOT NULL,
    site_id   uuid         NOT NULL,
    detail    varchar(40),
    clerk_id  varchar(128),
    CONSTRAINT dashboard_fact_pk PRIMARY KEY (source_id, sequence, kind)
);
CREATE INDEX dashboard_fact_site_day_ix ON read_model.dashboard_fact (site_id, day);
CREATE INDEX dashboard_fact_day_ix ON read_model.dashboard_fact (day);
