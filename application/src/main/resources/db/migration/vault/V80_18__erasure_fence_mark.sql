-- How far the erasure fence has verified the erasure ledger against this database (ADR 0017): every destroyed key
-- the ledger names up to this entry (sequence, its hash, its byte offset in the ledger file) was destroyed here too.
-- It lives in the database on purpose: a restored backup brings back its own, older mark, and the fence then reads
-- the ledger on from there. Sealed under a KEK (an AES-GCM tag over the mark, made by the KEK's holder: the process
-- or the HSM), so it cannot be moved forward without the KEK; a mark that does not open makes the fence read the
-- whole ledger. Ids, hashes and offsets only.
CREATE TABLE vault.erasure_fence_mark (
    mark_id     smallint    NOT NULL DEFAULT 1,
    sequence    bigint      NOT NULL,
    entry_hash  char(64)    NOT NULL,
    byte_offset bigint      NOT NULL,
    kek_id      varchar(64) NOT NULL,
    seal        bytea       NOT NULL,
    verified_at timestamptz NOT NULL,
    CONSTRAINT erasure_fence_mark_pk PRIMARY KEY (mark_id),
    CONSTRAINT erasure_fence_mark_one_ck CHECK (mark_id = 1)
);
