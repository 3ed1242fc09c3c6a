package org.mincard.application.retries;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code mincard.idempotency}: how long the answer to an {@code Idempotency-Key} is kept (and replayed to retries),
 * how often expired records are removed, and after how long an unfinished request that runs in its own transactions
 * (sweeps, rotations, replays) no longer blocks its key. The record holds a keyed fingerprint of the request and its
 * answer sealed under a key derived from the client's key, so it is kept no longer than a client's retries need.
 */
@ConfigurationProperties("mincard.idempotency")
record IdempotencyProperties(Duration retention, Duration purgeInterval, Duration inFlightTimeout) {

    IdempotencyProperties {
        retention = retention == null ? Duration.ofHours(24) : retention;
        purgeInterval = purgeInterval == null ? Duration.ofMinutes(15) : purgeInterval;
        inFlightTimeout = inFlightTimeout == null ? Duration.ofMinutes(2) : inFlightTimeout;
        if (retention.isNegative() || retention.isZero() || purgeInterval.isNegative() || purgeInterval.isZero()
                || inFlightTimeout.isNegative() || inFlightTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "mincard.idempotency.retention, purge-interval and in-flight-timeout must be positive");
        }
    }
}
