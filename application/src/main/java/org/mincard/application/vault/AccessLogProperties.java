package org.mincard.application.vault;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Access-log group commit (ADR 0020): with {@code groupCommit} on, reads that are not inside a caller's transaction
 * hand their records to one writer, which appends everything waiting (up to {@code maxBatch} records) in one
 * statement and one commit; each read still returns only after its records are committed.
 */
@Validated
@ConfigurationProperties("mincard.vault.access-log")
record AccessLogProperties(Boolean groupCommit, @Min(1) Integer maxBatch) {

    AccessLogProperties {
        groupCommit = groupCommit == null || groupCommit;
        maxBatch = maxBatch == null ? 2_000 : maxBatch;
    }
}
