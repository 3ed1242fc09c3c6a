-- Site scoping of card actions: a card belongs to the site that produced it (CardProduced.siteId), and site-scoped
-- staff may act only on their own sites' cards (docs/security.md). The registry now records the site with the card.
ALTER TABLE lookup.card ADD COLUMN site_id uuid;

-- Cards registered before this script: their site is read once from the CardProduced event that registered them.
-- This one-time backfill is the only place a migration reads the event store's payloads; the running service
-- keeps the column current through the card registry's event handler.
UPDATE lookup.card AS c
SET site_id = (convert_from(e.payload, 'UTF8')::jsonb ->> 'siteId')::uuid
FROM domainevententry AS e
WHERE e.payloadtype = 'org.mincard.domain.cardholder.CardProduced'
  AND (convert_from(e.payload, 'UTF8')::jsonb ->> 'cardId')::uuid = c.card_id;

ALTER TABLE lookup.card ALTER COLUMN site_id SET NOT NULL;

-- A purge finds a cardholder's cards by cardholder; without this index every batch scanned every card.
CREATE INDEX card_cardholder_ix ON lookup.card (cardholder_id);
