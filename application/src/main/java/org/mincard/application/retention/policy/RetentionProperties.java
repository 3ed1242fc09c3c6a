package org.mincard.application.retention.policy;

import org.mincard.application.config.SecretSetting;
import org.mincard.domain.retention.RetentionPolicy.ConfiguredProfile;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code mincard.retention}: the named retention profiles, the active one, sweeps and manifest signing. Classes,
 * triggers and delays are bound as text so that a bad value is refused naming its rule (see RetentionPolicy).
 */
@ConfigurationProperties("mincard.retention")
public record RetentionProperties(
        String profile,
        Map<String, ConfiguredProfile> profiles,
        Sweep sweep,
        Signing signing,
        Duration complianceGrace) {

    public RetentionProperties {
        profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
        sweep = sweep == null ? new Sweep(true, null, 1000, Duration.ofMinutes(2), null, null) : sweep;
        signing = signing == null ? new Signing(null, null) : signing;
        complianceGrace = complianceGrace == null ? Duration.ofDays(1) : complianceGrace;
    }

    /**
     * Scheduled sweeps (cron, UTC, on by default), the batch size (items per transaction), how long a sweep waits for
     * the retention schedule to catch up with the event store before it plans its work, and the cluster lock that
     * lets one node at a time sweep: held at most {@code lockAtMostFor} (a node that dies frees it then) and at least
     * {@code lockAtLeastFor} after a scheduled run (so a node whose clock is a little late does not sweep again).
     */
    public record Sweep(boolean scheduled, String cron, int batchSize, Duration catchUpTimeout,
                        Duration lockAtMostFor, Duration lockAtLeastFor) {
        public Sweep {
            cron = cron == null || cron.isBlank() ? "0 15 * * * *" : cron;
            batchSize = batchSize <= 0 ? 1000 : batchSize;
            catchUpTimeout = catchUpTimeout == null ? Duration.ofMinutes(2) : catchUpTimeout;
            lockAtMostFor = lockAtMostFor == null ? Duration.ofHours(6) : lockAtMostFor;
            lockAtLeastFor = lockAtLeastFor == null ? Duration.ofMinutes(1) : lockAtLeastFor;
            if (lockAtLeastFor.compareTo(lockAtMostFor) > 0) {
                throw new IllegalArgumentException("mincard.retention.sweep.lock-at-least-for must not exceed"
                        + " lock-at-most-for");
            }
        }
    }

    /**
     * The Ed25519 key that signs manifests, a PKCS#8 PEM: {@code key.value} or {@code key.file}. Only the embedded
     * demo generates one, into {@code generated-key-file}.
     */
    public record Signing(SecretSetting key, Path generatedKeyFile) {
        public Signing {
            key = key == null ? SecretSetting.NONE : key;
        }
    }
}
