package org.mincard.application.consistency;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code mincard.consistency}: how long a read that presents a {@code Consistency-Token} waits for its read models
 * ({@code read-wait}, default 2 s) before it answers 503, and the {@code Retry-After} it then suggests (default 1 s).
 */
@ConfigurationProperties("mincard.consistency")
record ConsistencyProperties(Duration readWait, Duration retryAfter) {

    ConsistencyProperties {
        readWait = readWait == null ? Duration.ofSeconds(2) : readWait;
        retryAfter = retryAfter == null ? Duration.ofSeconds(1) : retryAfter;
        if (readWait.isNegative() || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException(
                    "mincard.consistency.read-wait must not be negative and retry-after must be positive");
        }
    }
}
