-- The request register keeps the kinds of records requested as codes and the counsel reviewer as a staff user id,
-- never free text (docs/privacy.md "Staff entries"). Rows written before: the free-text scope description becomes
-- UNSPECIFIED (as the event upcaster reads it) and a reviewer that is not a well-formed id becomes
-- legacy-free-text. The events and the chained register entries keep what they held (append-only).
UPDATE oversight.data_request SET scope_description = 'UNSPECIFIED';
UPDATE oversight.data_request SET counsel_reviewer_id = 'legacy-free-text'
WHERE counsel_reviewer_id IS NOT NULL AND counsel_reviewer_id !~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$';
