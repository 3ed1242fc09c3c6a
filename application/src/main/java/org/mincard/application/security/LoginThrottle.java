package org.mincard.application.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts wrong passwords per demo user name and locks a name for {@code window} once it has {@code maxFailures}
 * of them within {@code window}; a correct password before that clears the count. Unknown names count like known
 * ones, so the answer does not tell which names exist. Kept in memory per node: a restart or another node starts
 * from zero, which is enough to stop guessing at a demo's published user names.
 *
 * <p>Metrics carry no user names: {@code mincard.security.demo.login.failures} (wrong passwords),
 * {@code mincard.security.demo.login.lockouts} (names locked) and {@code mincard.security.demo.login.throttled}
 * (attempts refused while locked).
 */
final class LoginThrottle {

    private record Attempts(int failures, Instant firstFailure, Instant lockedUntil) {
    }

    private final SecuritySettings.Demo.Lockout settings;
    private final Clock clock;
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();
    private final Counter failures;
    private final Counter lockouts;
    private final Counter throttled;

    LoginThrottle(SecuritySettings.Demo.Lockout settings, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.failures = Counter.builder("mincard.security.demo.login.failures")
                .description("Demo logins with a wrong password or an unknown user name").register(registry);
        this.lockouts = Counter.builder("mincard.security.demo.login.lockouts")
                .description("Demo user names locked after too many wrong passwords").register(registry);
        this.throttled = Counter.builder("mincard.security.demo.login.throttled")
                .description("Demo logins refused with 429 because the user name is locked").register(registry);
    }

    /** How long the name stays locked, if it is; counts the refused attempt. */
    Optional<Duration> lockedFor(String userName) {
        Attempts current = attempts.get(key(userName));
        Instant now = clock.instant();
        if (current == null || current.lockedUntil() == null || !now.isBefore(current.lockedUntil())) {
            return Optional.empty();
        }
        throttled.increment();
        Duration left = Duration.between(now, current.lockedUntil());
        return Optional.of(left.getNano() > 0 ? left.plusSeconds(1).withNanos(0) : left);
    }

    void failed(String userName) {
        failures.increment();
        Instant now = clock.instant();
        if (attempts.size() >= settings.maxTracked()) {
            attempts.values().removeIf(old -> !now.isBefore(old.firstFailure().plus(settings.window()))
                    && (old.lockedUntil() == null || !now.isBefore(old.lockedUntil())));
        }
        attempts.compute(key(userName), (name, current) -> {
            if (current == null || !now.isBefore(current.firstFailure().plus(settings.window()))
                    && (current.lockedUntil() == null || !now.isBefore(current.lockedUntil()))) {
                current = new Attempts(0, now, null);
            }
            int count = current.failures() + 1;
            if (count >= settings.maxFailures() && current.lockedUntil() == null) {
                lockouts.increment();
                return new Attempts(count, current.firstFailure(), now.plus(settings.window()));
            }
            return new Attempts(count, current.firstFailure(), current.lockedUntil());
        });
    }

    void succeeded(String userName) {
        attempts.remove(key(userName));
    }

    private static String key(String userName) {
        return userName == null ? "" : userName.strip().toLowerCase(Locale.ROOT);
    }
}
