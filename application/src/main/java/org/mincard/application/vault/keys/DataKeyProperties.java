package org.mincard.application.vault.keys;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Data-key settings. {@code cacheMaxEntries} bounds the in-memory cache of unwrapped data keys (0 turns it off);
 * {@code rotationBatchSize} is how many data keys a KEK rotation rewraps per transaction.
 */
@Validated
@ConfigurationProperties("mincard.vault.keys")
record DataKeyProperties(@Min(0) Integer cacheMaxEntries, @Min(1) @Max(10_000) Integer rotationBatchSize) {

    DataKeyProperties {
        cacheMaxEntries = cacheMaxEntries == null ? 10_000 : cacheMaxEntries;
        rotationBatchSize = rotationBatchSize == null ? 500 : rotationBatchSize;
    }
}
