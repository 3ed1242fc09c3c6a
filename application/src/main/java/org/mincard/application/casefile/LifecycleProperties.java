package org.mincard.application.casefile;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.mincard.domain.casefile.DocumentCategory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.Period;
import java.util.Map;

/**
 * The program's lifecycle rules: card validity by age band, the renewal window, the appeal window and the document
 * points table. Cities differ; these are configuration, not code.
 */
@Validated
@ConfigurationProperties("mincard.lifecycle")
public record LifecycleProperties(
        @Valid @NotNull Validity validity,
        @Valid @NotNull Renewal renewal,
        @NotNull Duration appealWindow,
        @Valid @NotNull Points points) {

    /** Card validity: age-band edges and validity per band; an empty senior validity means no expiry. */
    public record Validity(@Min(1) int adultFromAge, @Min(2) int seniorFromAge, @NotNull Period child,
                           @NotNull Period adult, Period senior) {
    }

    /** When renewal opens before expiry, when it closes after, and the grace period before a card lapses. */
    public record Renewal(@NotNull Period opensBeforeExpiry, @NotNull Period closesAfterExpiry,
                          @NotNull Period gracePeriod) {
    }

    /** The points rule and the table of document types a clerk may record. */
    public record Points(@Min(0) int minimumTotal, @Min(0) int minimumIdentity, @Min(0) int minimumResidency,
                         boolean photoRequired, boolean dateOfBirthRequired,
                         @NotEmpty Map<String, @Valid Document> documents) {
    }

    /** One document type: what it proves, its points, and whether it shows a photo or a date of birth. */
    public record Document(@NotNull DocumentCategory category, @Min(0) int points, boolean photo,
                           boolean dateOfBirth) {
    }
}
