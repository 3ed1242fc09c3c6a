package org.mincard.application.vault;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Each user's allowance of personal-data reads: a token bucket of {@code maxReads} that refills at that many per
 * {@code window}, kept in PostgreSQL (Bucket4j, a row lock per user) so that every node of a cluster draws from the
 * same allowance: N nodes do not give N times the limit. The bucket's time is the service's {@link Clock}.
 */
final class ReadRateLimiter {

    static final String TABLE = "vault.read_limit_bucket";

    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    private final String keySuffix;

    ReadRateLimiter(DataSource dataSource, int maxReads, Duration window, Clock clock) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .idColumn("bucket_key")
                .stateColumn("state")
                .clientClock(new ClockTime(clock))
                .build();
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(maxReads).refillGreedy(maxReads, window))
                .build();
        // A changed limit starts fresh buckets instead of inheriting ones configured otherwise.
        this.keySuffix = "|" + maxReads + "/" + window;
    }

    /**
     * Takes {@code reads} from this user's allowance, all or nothing; answers zero when granted, else how long until
     * that many reads are available again.
     */
    Duration tryAcquire(String userId, int reads) {
        ConsumptionProbe probe = buckets.getProxy(userId + keySuffix, () -> configuration)
                .tryConsumeAndReturnRemaining(reads);
        if (probe.isConsumed()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), 1_000_000_000L));
    }

    /** Bucket4j's clock from the service's, so that tests that move the service's clock move the buckets too. */
    private record ClockTime(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
