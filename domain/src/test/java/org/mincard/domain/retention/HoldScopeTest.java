package org.mincard.domain.retention;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HoldScopeTest {

    private static final UUID SITE = UUID.randomUUID();

    @Test
    void coversSiteRangeInclusive_whenOpenedOnItsBounds() {
        HoldScope scope = new HoldScope(null, null, SITE, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31));

        assertThat(scope.coversSite(SITE, LocalDate.of(2026, 1, 1))).isTrue();
        assertThat(scope.coversSite(SITE, LocalDate.of(2026, 3, 31))).isTrue();
        assertThat(scope.coversSite(SITE, LocalDate.of(2026, 4, 1))).isFalse();
        assertThat(scope.coversSite(UUID.randomUUID(), LocalDate.of(2026, 2, 1))).isFalse();
    }

    @Test
    void refusesScope_whenEmptyOrSiteRangeIncomplete() {
        assertThatThrownBy(() -> new HoldScope(List.of(), List.of(), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HoldScope(null, null, SITE, LocalDate.of(2026, 1, 1), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HoldScope(null, null, SITE, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void coversNamedCasesAndSubjects_whenListed() {
        UUID caseId = UUID.randomUUID();
        UUID subjectId = UUID.randomUUID();
        HoldScope scope = new HoldScope(List.of(caseId), List.of(subjectId), null, null, null);

        assertThat(scope.coversCase(caseId)).isTrue();
        assertThat(scope.coversSubject(subjectId)).isTrue();
        assertThat(scope.coversSubject(caseId)).isFalse();
    }
}
