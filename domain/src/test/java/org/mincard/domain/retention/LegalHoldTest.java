package org.mincard.domain.retention;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.ActorMetadataFormat;
import org.mincard.domain.shared.Role;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LegalHoldTest {

    private static final Map<String, String> OFFICER =
            ActorMetadataFormat.of(new Actor("officer-1", Role.RECORDS_OFFICER, Set.of(), true));
    private static final UUID HOLD = UUID.fromString("00000000-0000-4000-8000-000000000011");
    private static final UUID SUBJECT = UUID.fromString("00000000-0000-4000-8000-000000000012");
    private static final Instant PLACED = Instant.parse("2026-03-02T10:00:00Z");
    private static final HoldScope SCOPE = new HoldScope(List.of(), List.of(SUBJECT), null, null, null);

    private FixtureConfiguration<LegalHold> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LegalHold.class);
    }

    @Test
    void recordsTheReasonCodeAndTheReference_whenPlaced() {
        fixture.givenNoPriorActivity()

                .when(new PlaceLegalHold(HOLD, SCOPE, HoldReason.LITIGATION_PENDING, "1:26-cv-00101", PLACED), OFFICER)

                .expectEvents(new LegalHoldPlaced(HOLD, SCOPE, HoldReason.LITIGATION_PENDING, "1:26-cv-00101",
                        PLACED));
    }

    @Test
    void refusesFreeTextAsAuthority_whenPlacedOrReleased() {
        assertThatThrownBy(() -> new PlaceLegalHold(HOLD, SCOPE, HoldReason.SUBPOENA_OR_WARRANT,
                "Letter from Jane Doe", PLACED)).hasMessageStartingWith("authority:")
                .hasMessageNotContaining("Jane");
        assertThatThrownBy(() -> new ReleaseLegalHold(HOLD, "settled", PLACED)).hasMessageStartingWith("authority:");
        assertThatThrownBy(() -> new PlaceLegalHold(HOLD, SCOPE, HoldReason.UNCODED, "LRC-2026-014", PLACED))
                .hasMessageStartingWith("reason:");
    }

    @Test
    void acceptsDocketOrderAndCertificateNumbers() {
        assertThat(List.of("1:26-cv-00101", "LRC-2026-014", "CC/2026/7", "ORD#2026.17"))
                .allMatch(AuthorityReference::isWellFormed);
        assertThat(List.of("no digits here", "Jane Doe 1990", "ab", "x".repeat(60) + "12345", "a1\nforged"))
                .noneMatch(AuthorityReference::isWellFormed);
    }
}
