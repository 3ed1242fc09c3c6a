-- Purge manifests join the tamper-evident chains: each manifest row (its sequence, its signed bytes, signature and
-- SHA-256 link to the previous manifest) is linked and covered by the signed checkpoints. Manifests hold ids and
-- counts only. From here on the application role cannot change or delete a manifest.
SELECT audit.register_chained_stream('purge-manifest', 'retention.manifest', 'sequence_no',
    ARRAY['sweep_id', 'manifest', 'signature', 'sha256', 'previous_sha256', 'created_at']);
