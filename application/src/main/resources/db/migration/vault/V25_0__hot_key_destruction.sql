-- Destroying a data key (wrapped_key := NULL, destroyed_at, purge_sweep_id, purge_rule_id) becomes a HOT update
-- (ADR 0020): no index may name a column the destruction changes, so the two partial indexes on kek_id, whose
-- predicates name wrapped_key, become one plain index on kek_id (rotation, epoch counts and the erasure report
-- filter live keys or tombstones from it), and pages keep room for the new row version. purge_sweep_id stays
-- unindexed: a sweep's manifest finds its keys by their primary key.
DROP INDEX vault.data_key_live_kek_ix;
DROP INDEX vault.data_key_tombstone_kek_ix;
CREATE INDEX data_key_kek_ix ON vault.data_key (kek_id);
ALTER TABLE vault.data_key SET (fillfactor = 80);
