package org.mincard.application.oversight;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.mincard.application.config.SecretSetting;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Settings of the oversight features: chaining, checkpoints, access-log flags (docs/config/oversight.md). */
@Validated
@ConfigurationProperties("mincard.oversight")
public record OversightProperties(@Valid @NotNull Chain chain, @Valid @NotNull Checkpoints checkpoints,
                                  @Valid @NotNull AccessLog accessLog) {

    /**
     * How the chainer links appended rows (how often, how many per transaction, how long it waits at a gap), and on
     * how many connections verification walks a long chain.
     */
    public record Chain(@NotNull Duration interval, @Min(1) @Max(100_000) int batchSize, @NotNull Duration gapGrace,
                        @Min(1) @Max(16) int verifyParallelism) {
    }

    /**
     * Checkpoint schedule (a Spring cron expression; "-" turns periodic checkpoints off) and signing key: an Ed25519
     * PKCS#8 PEM private key (as {@code openssl genpkey -algorithm ed25519} writes it) in {@code signing-key.value} or
     * {@code signing-key.file}; the public key is derived from it. Only the embedded demo generates a pair, into
     * {@code generated-key-directory}.
     */
    public record Checkpoints(@NotNull String cron, SecretSetting signingKey, @NotNull String generatedKeyDirectory) {
        public Checkpoints {
            signingKey = signingKey == null ? SecretSetting.NONE : signingKey;
        }
    }

    /**
     * What makes an access or search record stand out: reads and searches outside office hours, actors reading many
     * subjects or searching many times in one window.
     */
    public record AccessLog(@NotNull LocalTime officeHoursStart, @NotNull LocalTime officeHoursEnd,
                            boolean weekendsOffHours, @NotNull ZoneId zone, @Min(1) int bulkSubjects,
                            @Min(1) int bulkSearches, @NotNull Duration bulkWindow) {

        /** Outside office hours in the configured zone, or at a weekend when weekends count as off hours. */
        public boolean offHours(Instant at) {
            ZonedDateTime local = at.atZone(zone);
            LocalTime time = local.toLocalTime();
            boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
            return time.isBefore(officeHoursStart) || !time.isBefore(officeHoursEnd) || (weekendsOffHours && weekend);
        }
    }
}
