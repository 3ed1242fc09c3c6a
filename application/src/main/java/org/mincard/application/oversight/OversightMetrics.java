package org.mincard.application.oversight;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What an alert needs to know about the tamper-evident logs: every chain verification's outcome (a broken chain is
 * the one finding an inspector general must hear about at once), and whether periodic checkpoints are being taken.
 * Counters exist at zero from start-up, so a rule on {@code increase(...)} sees the first failure.
 */
@Component
class OversightMetrics {

    private final Counter intact;
    private final Counter broken;
    private final Counter checkpointsTaken;
    private final Counter checkpointsFailed;
    /** 1 when the last verification on this node found every chain intact, 0 when not, -1 before the first. */
    private final AtomicInteger lastIntact = new AtomicInteger(-1);

    OversightMetrics(MeterRegistry registry) {
        intact = verifications(registry, "intact");
        broken = verifications(registry, "broken");
        checkpointsTaken = checkpoints(registry, "taken");
        checkpointsFailed = checkpoints(registry, "failed");
        Gauge.builder("mincard.oversight.chain.last.verification.intact", lastIntact, AtomicInteger::get)
                .description("1: the last chain verification on this node found every chain intact; 0: it did not;"
                        + " -1: none yet")
                .register(registry);
    }

    private static Counter verifications(MeterRegistry registry, String outcome) {
        return Counter.builder("mincard.oversight.chain.verifications")
                .description("Chain verifications, by outcome (broken: a finding or a bad checkpoint signature)")
                .tag("outcome", outcome).register(registry);
    }

    private static Counter checkpoints(MeterRegistry registry, String outcome) {
        return Counter.builder("mincard.oversight.checkpoints")
                .description("Periodic signed checkpoints, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    void verified(boolean wasIntact) {
        (wasIntact ? intact : broken).increment();
        lastIntact.set(wasIntact ? 1 : 0);
    }

    void checkpointTaken(boolean taken) {
        (taken ? checkpointsTaken : checkpointsFailed).increment();
    }
}
