-- Legal holds keep a reason code and an authority reference, never free text (docs/privacy.md "Staff entries").
-- Rows written before: a reason that is not a code becomes UNCODED (as the event upcaster reads it), an authority
-- that is not a well-formed reference becomes LEGACY-FREE-TEXT-1. The events and the hash-chained hold log keep
-- what they held (append-only); PostgreSQL keeps the old row versions until VACUUM.
UPDATE retention.legal_hold SET reason = 'UNCODED'
WHERE reason NOT IN ('LITIGATION_PENDING', 'LITIGATION_ANTICIPATED', 'PRESERVATION_ORDER', 'SUBPOENA_OR_WARRANT',
                     'DATA_REQUEST', 'AUDIT_OR_INVESTIGATION', 'RECORDS_AUTHORITY_ORDER', 'UNCODED');
UPDATE retention.legal_hold SET authority = 'LEGACY-FREE-TEXT-1'
WHERE authority !~ '^[A-Za-z0-9][A-Za-z0-9./:#_-]{2,63}$' OR authority !~ '[0-9]';
UPDATE retention.legal_hold SET release_authority = 'LEGACY-FREE-TEXT-1'
WHERE release_authority IS NOT NULL
  AND (release_authority !~ '^[A-Za-z0-9][A-Za-z0-9./:#_-]{2,63}$' OR release_authority !~ '[0-9]');
