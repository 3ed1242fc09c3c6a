package org.mincard.application.vault.keys;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.Period;

/**
 * KEK epochs (ADR 0010). {@code interval}: how long a KEK version stays current before the scheduled rotation
 * replaces it; {@code backupRetention}: how long the city keeps database backups (and WAL archives), so how long a
 * retired KEK must stay available to restore them; it is destroyed that long after the rotation that retired it.
 * {@code scheduled}: whether this node runs the schedule (checked every {@code checkEvery}); {@code staleAfter}: a
 * rotation whose node sent no heartbeat for that long is taken over.
 */
@ConfigurationProperties("mincard.vault.rotation")
record RotationProperties(Boolean scheduled, Period interval, Period backupRetention, Duration checkEvery,
                          Duration staleAfter) {

    RotationProperties {
        scheduled = scheduled == null || scheduled;
        interval = interval == null ? Period.ofDays(7) : interval;
        backupRetention = backupRetention == null ? Period.ofDays(35) : backupRetention;
        checkEvery = checkEvery == null ? Duration.ofHours(1) : checkEvery;
        staleAfter = staleAfter == null ? Duration.ofMinutes(10) : staleAfter;
        if (interval.isNegative() || interval.isZero() || backupRetention.isNegative()) {
            throw new IllegalArgumentException("mincard.vault.rotation.interval must be positive and"
                    + " backup-retention not negative");
        }
    }
}
