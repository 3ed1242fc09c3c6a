-- Each staff user's personal-data read allowance, one token bucket per user and configured limit, shared by every
-- node (Bucket4j's layout: the bucket's serialized state, updated under a row lock). Holds staff ids, never personal
-- data of applicants.
CREATE TABLE vault.read_limit_bucket (
    bucket_key varchar(512) NOT NULL,
    state      bytea,
    CONSTRAINT read_limit_bucket_pk PRIMARY KEY (bucket_key)
);
