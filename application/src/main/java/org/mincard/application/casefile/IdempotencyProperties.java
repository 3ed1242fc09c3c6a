package org.mincard.application.casefile;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code mincard.idempotency}: how long the answer to an {@code Idempotency-Key} is kept (and replayed to retries),
 * and how often expired records are removed. The record holds a keyed fingerprint of the request's personal data,
 * so it is kept no longer than a client's retries need.
 */
@ConfigurationProperties("mincard.idempotency")
record IdempotencyProperties(Duration retention, Duration purgeInterval) {

    IdempotencyProperties {
        retention = retention == null ? Duration.ofHours(24) : retention;
        purgeInterval = purgeInterval == null ? Duration.ofMinutes(15) : purgeInterval;
        if (retention.isNegative() || retention.isZero() || purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("mincard.idempotency.retention and purge-interval must be positive");
        }
    }
}
