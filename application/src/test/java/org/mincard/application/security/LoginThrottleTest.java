package org.mincard.application.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mincard.application.MovableClock;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final LoginThrottle throttle = new LoginThrottle(
            new SecuritySettings.Demo.Lockout(3, Duration.ofMinutes(15), 100), registry, clock);

    @Test
    void locksName_whenMaxFailuresHappenWithinTheWindow() {
        throttle.failed("clerk-a");
        throttle.failed("Clerk-A ");
        assertThat(throttle.lockedFor("clerk-a")).isEmpty();

        throttle.failed("clerk-a");

        assertThat(throttle.lockedFor("clerk-a")).contains(Duration.ofMinutes(15));
        assertThat(throttle.lockedFor("clerk-b")).isEmpty();
        assertThat(registry.get("mincard.security.demo.login.lockouts").counter().count()).isEqualTo(1);
        assertThat(registry.get("mincard.security.demo.login.failures").counter().count()).isEqualTo(3);
    }

    @Test
    void unlocksName_whenTheWindowHasPassed() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("clerk-a");
        }

        clock.advance(Duration.ofMinutes(15));

        assertThat(throttle.lockedFor("clerk-a")).isEmpty();
    }

    @Test
    void forgetsFailures_whenTheyAreOlderThanTheWindow() {
        throttle.failed("clerk-a");
        throttle.failed("clerk-a");
        clock.advance(Duration.ofMinutes(16));

        throttle.failed("clerk-a");

        assertThat(throttle.lockedFor("clerk-a")).isEmpty();
    }

    @Test
    void clearsFailures_whenPasswordIsRightBeforeTheLock() {
        throttle.failed("clerk-a");
        throttle.failed("clerk-a");
        throttle.succeeded("clerk-a");

        throttle.failed("clerk-a");

        assertThat(throttle.lockedFor("clerk-a")).isEmpty();
    }

    @Test
    void labelsMetricsWithoutUserNames_whenNamesAreLocked() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("someone-secret");
        }
        throttle.lockedFor("someone-secret");

        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
                .noneMatch(tag -> tag.getValue().contains("someone")));
        assertThat(registry.get("mincard.security.demo.login.throttled").counter().count()).isEqualTo(1);
    }
}
