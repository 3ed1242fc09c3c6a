-- Purges seen by the case view (docs/privacy.md "Replays after a purge"): a sealed copy carries the global index of
-- the event that sealed it, and a copy sealed before a purge of its (cardholder, class) is never written again,
-- whichever order a replay's segments handle the two events in. Ids and classes only, no personal data.
ALTER TABLE read_model.case_sealed_field ADD COLUMN sealed_index bigint;

CREATE TABLE read_model.case_purged_class (
    subject_id   uuid        NOT NULL,
    data_class   varchar(16) NOT NULL,
    purged_index bigint      NOT NULL,
    CONSTRAINT case_purged_class_pk PRIMARY KEY (subject_id, data_class, purged_index)
);
