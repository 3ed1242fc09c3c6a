package org.mincard.application.vault;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ReadRateLimiterTest {

    private Instant now = Instant.parse("2026-11-21T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final ReadRateLimiter limiter = new ReadRateLimiter(100, Duration.ofMinutes(1), clock);

    @Test
    void refusesTheWholeBatch_whenItWouldCrossTheLimit() {
        assertThat(limiter.tryAcquire("u-1", 60)).isTrue();

        boolean second = limiter.tryAcquire("u-1", 50);

        assertThat(second).isFalse();
        assertThat(limiter.tryAcquire("u-1", 40)).isTrue();
    }

    @Test
    void countsEachUserApart_whenTwoUsersRead() {
        assertThat(limiter.tryAcquire("u-1", 100)).isTrue();

        boolean other = limiter.tryAcquire("u-2", 100);

        assertThat(other).isTrue();
    }

    @Test
    void allowsReadsAgain_whenTheWindowHasPassed() {
        assertThat(limiter.tryAcquire("u-1", 100)).isTrue();
        now = now.plusSeconds(61);

        boolean later = limiter.tryAcquire("u-1", 100);

        assertThat(later).isTrue();
    }
}
