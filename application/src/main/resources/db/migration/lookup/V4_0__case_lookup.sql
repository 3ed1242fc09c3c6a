-- Command-side lookup of cases (ADR 0019): what a command needs to be built (the cardholder its personal data is
-- sealed for, the site that scopes it, what card production reuses) without reading the eventually consistent case
-- view. Written by a subscribing processor in the transaction that appends CaseSubmitted, so a case that exists for a
-- command always has its row and a rolled-back submission leaves none. Ids and codes only, nothing personal.
CREATE TABLE lookup.case_file (
    case_id          uuid        NOT NULL,
    cardholder_id    uuid        NOT NULL,
    site_id          uuid        NOT NULL,
    case_type        varchar(16) NOT NULL,
    age_band         varchar(16) NOT NULL,
    previous_card_id uuid,
    CONSTRAINT case_file_pk PRIMARY KEY (case_id)
);

-- Cases submitted before this script: read once from their CaseSubmitted events, as V9_0 does for the card sites.
INSERT INTO lookup.case_file (case_id, cardholder_id, site_id, case_type, age_band, previous_card_id)
SELECT (p ->> 'caseId')::uuid, (p ->> 'cardholderId')::uuid, (p ->> 'siteId')::uuid, p ->> 'type', p ->> 'ageBand',
       (p ->> 'previousCardId')::uuid
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p
      FROM domainevententry
      WHERE payloadtype = 'org.mincard.domain.casefile.CaseSubmitted') AS submitted
ON CONFLICT (case_id) DO NOTHING;
