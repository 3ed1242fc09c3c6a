-- Figures of the annual transparency report (projection "annual-figures", rebuildable by replay): one row per
-- counted event and section, holding codes and ids only, never personal data. Years are UTC calendar years of
-- recorded_at, when the event was stored. Rows are keyed by the event (its aggregate and sequence), so a replayed or
-- redelivered event writes nothing new.
CREATE TABLE read_model.annual_figure (
    source_id   uuid         NOT NULL,
    sequence    bigint       NOT NULL,
    section     varchar(24)  NOT NULL,
    item        varchar(200) NOT NULL,
    recorded_at timestamptz  NOT NULL,
    -- The business time the event names (submitted, approved, denied), for processing times; NULL otherwise.
    occurred_at timestamptz,
    CONSTRAINT annual_figure_pk PRIMARY KEY (source_id, sequence, section),
    CONSTRAINT annual_figure_section_ck CHECK (section IN ('CASES_BY_TYPE', 'CASES_BY_SITE', 'CASE_OUTCOMES', 'CARDS',
        'PURGES'))
);
CREATE INDEX annual_figure_recorded_ix ON read_model.annual_figure (recorded_at, section);
