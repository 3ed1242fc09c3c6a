-- Rollups of the work queues (ADR 0020, docs/queues.md): kept by the work-queue projection in the transaction that
-- writes its rows, so the queue summary, the gauges and the dashboard read tens of rows per site and day instead of
-- every open case and every stay. Rebuilt by a replay (the projection's reset empties them with its rows).
-- No personal data: ids, codes, counts and durations only.

-- Open cases per site and queue (zero rows stay, so an empty queue of a known site still shows as 0).
CREATE TABLE read_model.queue_depth (
    site_id    uuid        NOT NULL,
    queue      varchar(32) NOT NULL,
    open       bigint      NOT NULL,
    unassigned bigint      NOT NULL,
    CONSTRAINT queue_depth_pk PRIMARY KEY (site_id, queue)
);

-- Open cases per site, queue, case type and the UTC day they entered the queue: overdue counts whole days before the
-- SLA cut-off from here and only the cut-off's own day from the cases.
CREATE TABLE read_model.queue_open_day (
    site_id    uuid        NOT NULL,
    queue      varchar(32) NOT NULL,
    case_type  varchar(16) NOT NULL,
    day        date        NOT NULL,
    open       bigint      NOT NULL,
    CONSTRAINT queue_open_day_pk PRIMARY KEY (site_id, queue, case_type, day)
);
-- The summary reads only the days that still hold open cases.
CREATE INDEX queue_open_day_open_ix ON read_model.queue_open_day (site_id, queue, case_type, day) INCLUDE (open)
    WHERE open > 0;

-- Dashboard counts per UTC day and site: the facts (RECEIVED, COMPLETED, DENIED, ASSIGNED, detail and clerk as in
-- dashboard_fact), STEP (a stay ended while a clerk held the case; clerk_id) and BREACH (a stay that ended past the
-- SLA in force when the projection wrote it; detail = queue). '' stands for "none" so that the key has no NULLs.
CREATE TABLE read_model.dashboard_day (
    day      date         NOT NULL,
    site_id  uuid         NOT NULL,
    kind     varchar(16)  NOT NULL,
    detail   varchar(40)  NOT NULL,
    clerk_id varchar(128) NOT NULL,
    n        bigint       NOT NULL,
    CONSTRAINT dashboard_day_pk PRIMARY KEY (day, site_id, kind, detail, clerk_id)
);

-- Stays that ended per UTC day, site and queue, as a histogram of their durations: bucket 0 holds stays under a
-- second, bucket b >= 1 those of [1.1^(b-1), 1.1^b) seconds; "seconds" is the bucket's exact sum, so the bucket's
-- mean stands for its stays when percentiles are interpolated (exact when a bucket holds one distinct duration,
-- within 10 % otherwise).
CREATE TABLE read_model.queue_stay_bucket (
    day     date             NOT NULL,
    site_id uuid             NOT NULL,
    queue   varchar(32)      NOT NULL,
    bucket  smallint         NOT NULL,
    stays   bigint           NOT NULL,
    seconds double precision NOT NULL,
    CONSTRAINT queue_stay_bucket_pk PRIMARY KEY (day, site_id, queue, bucket)
);

-- Existing rows: the rollups start equal to a recount of the tables they summarise.
INSERT INTO read_model.queue_depth (site_id, queue, open, unassigned)
SELECT site_id, queue, count(*), count(*) FILTER (WHERE assignee IS NULL)
FROM read_model.work_queue_item WHERE queue IS NOT NULL GROUP BY site_id, queue;

INSERT INTO read_model.queue_open_day (site_id, queue, case_type, day, open)
SELECT site_id, queue, case_type, (entered_at AT TIME ZONE 'UTC')::date, count(*)
FROM read_model.work_queue_item WHERE queue IS NOT NULL GROUP BY 1, 2, 3, 4;

INSERT INTO read_model.dashboard_day (day, site_id, kind, detail, clerk_id, n)
SELECT day, site_id, kind, coalesce(detail, ''), coalesce(clerk_id, ''), count(*)
FROM read_model.dashboard_fact GROUP BY 1, 2, 3, 4, 5;

INSERT INTO read_model.dashboard_day (day, site_id, kind, detail, clerk_id, n)
SELECT (left_at AT TIME ZONE 'UTC')::date, site_id, 'STEP', '', clerk_id, count(*)
FROM read_model.queue_stay WHERE clerk_id IS NOT NULL GROUP BY 1, 2, 5;
-- BREACH rows of past stays need the configured SLA, which a script does not know: a replay of the work-queue
-- processor recounts them (docs/queues.md).

INSERT INTO read_model.queue_stay_bucket (day, site_id, queue, bucket, stays, seconds)
SELECT (left_at AT TIME ZONE 'UTC')::date, site_id, queue,
    CASE WHEN s < 1 THEN 0 ELSE 1 + floor(ln(s) / ln(1.1::float8))::int END, count(*), sum(s)
FROM (SELECT left_at, site_id, queue, extract(epoch FROM left_at - entered_at)::double precision AS s
      FROM read_model.queue_stay) st
GROUP BY 1, 2, 3, 4;
