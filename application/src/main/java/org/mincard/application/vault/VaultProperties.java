package org.mincard.application.vault;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Gate settings: each user may read at most {@code readLimit.maxReads} personal-data values (one per unsealed item,
 * shown or purged) per {@code readLimit.window}, across every node (a token bucket in PostgreSQL).
 */
@Validated
@ConfigurationProperties("mincard.vault")
record VaultProperties(ReadLimit readLimit) {

    VaultProperties {
        readLimit = readLimit == null ? new ReadLimit(null, null) : readLimit;
    }

    record ReadLimit(@Min(1) Integer maxReads, Duration window) {
        ReadLimit {
            maxReads = maxReads == null ? 1_000 : maxReads;
            window = window == null ? Duration.ofMinutes(1) : window;
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("mincard.vault.read-limit.window must be positive");
            }
        }
    }
}
