-- Revocations for the dashboard. A card event and the case that produced the card are in different aggregates,
-- hence possibly in different processor segments: the site is therefore not resolved when the event is handled
-- (a replay could handle the revocation before the production) but when the dashboard is read, through
-- work_queue_item.card_id. Keyed by the cardholder event, so idempotent.
CREATE TABLE read_model.card_revocation (
    cardholder_id uuid        NOT NULL,
    sequence      bigint      NOT NULL,
    card_id       uuid        NOT NULL,
    day           date        NOT NULL,
    reason        varchar(40) NOT NULL,
    CONSTRAINT card_revocation_pk PRIMARY KEY (cardholder_id, sequence)
);
CREATE INDEX card_revocation_day_ix ON read_model.card_revocation (day);
