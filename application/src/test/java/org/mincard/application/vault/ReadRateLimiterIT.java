package org.mincard.application.vault;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The read limit on real PostgreSQL: all or nothing, per user, refilled with time, one allowance for every node. */
@SpringBootTest
class ReadRateLimiterIT {

    @Autowired
    DataSource dataSource;

    private Instant now = Instant.parse("2026-11-21T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private ReadRateLimiter limiter;

    @BeforeEach
    void setUp() {
        limiter = node();
    }

    /** A limiter as one node of the cluster builds it; every test uses its own user ids. */
    private ReadRateLimiter node() {
        return new ReadRateLimiter(dataSource, 100, Duration.ofMinutes(1), clock);
    }

    private final String u1 = "u-1-" + UUID.randomUUID();
    private final String u2 = "u-2-" + UUID.randomUUID();

    private boolean granted(ReadRateLimiter on, String user, int reads) {
        return on.tryAcquire(user, reads).isZero();
    }

    @Test
    void refusesTheWholeBatch_whenItWouldCrossTheLimit() {
        assertThat(granted(limiter, u1, 60)).isTrue();

        boolean second = granted(limiter, u1, 50);

        assertThat(second).isFalse();
        assertThat(granted(limiter, u1, 40)).isTrue();
    }

    @Test
    void countsEachUserApart_whenTwoUsersRead() {
        assertThat(granted(limiter, u1, 100)).isTrue();

        boolean other = granted(limiter, u2, 100);

        assertThat(other).isTrue();
    }

    @Test
    void allowsReadsAgain_whenTheWindowHasPassed() {
        assertThat(granted(limiter, u1, 100)).isTrue();
        now = now.plusSeconds(61);

        boolean later = granted(limiter, u1, 100);

        assertThat(later).isTrue();
    }

    @Test
    void sharesOneAllowance_whenTwoNodesServeTheSameUser() {
        ReadRateLimiter otherNode = node();
        assertThat(granted(limiter, u1, 70)).isTrue();

        Duration wait = otherNode.tryAcquire(u1, 40);

        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(granted(otherNode, u1, 30)).isTrue();
        assertThat(granted(limiter, u1, 1)).isFalse();
    }
}
