package org.mincard.domain.cardholder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.mincard.domain.cardholder.CardEligibility.Verdict;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.ReplacementReason;
import org.mincard.domain.shared.TransitionNotAllowed;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CardEligibilityTest {

    private static final CardEligibility RULE = CardEligibility.DEFAULT;

    @ParameterizedTest(name = "{0} of a {1} card expiring {2}, on {3}: {4}")
    @CsvSource(nullValues = "never", value = {
            "RENEWAL,     ACTIVE,        2026-05-10, 2026-03-11, ELIGIBLE",
            "RENEWAL,     ACTIVE,        2026-05-10, 2026-03-10, OUTSIDE_RENEWAL_WINDOW",
            "RENEWAL,     ACTIVE,        2026-05-10, 2026-11-10, ELIGIBLE",
            "RENEWAL,     ACTIVE,        2026-05-10, 2026-11-11, OUTSIDE_RENEWAL_WINDOW",
            "RENEWAL,     ACTIVE,        never,      2026-03-11, OUTSIDE_RENEWAL_WINDOW",
            "RENEWAL,     REPORTED_LOST, 2026-05-10, 2026-04-01, STATUS_NOT_ALLOWED",
            "RENEWAL,     REVOKED,       2026-05-10, 2026-04-01, STATUS_NOT_ALLOWED",
            "RENEWAL,     SUPERSEDED,    2026-05-10, 2026-04-01, STATUS_NOT_ALLOWED",
            "REPLACEMENT, ACTIVE,        2026-05-10, 2026-05-10, ELIGIBLE",
            "REPLACEMENT, REPORTED_LOST, 2026-05-10, 2026-01-01, ELIGIBLE",
            "REPLACEMENT, REPORTED_LOST, 2026-05-10, 2026-05-11, EXPIRED",
            "REPLACEMENT, ACTIVE,        never,      2090-01-01, ELIGIBLE",
            "REPLACEMENT, REVOKED,       2026-05-10, 2026-01-01, STATUS_NOT_ALLOWED",
            "REPLACEMENT, SUPERSEDED,    2026-05-10, 2026-01-01, STATUS_NOT_ALLOWED",
            "UPDATE,      ACTIVE,        2026-05-10, 2026-05-10, ELIGIBLE",
            "UPDATE,      ACTIVE,        2026-05-10, 2026-05-11, EXPIRED",
            "UPDATE,      ACTIVE,        never,      2090-01-01, ELIGIBLE",
            "UPDATE,      REPORTED_LOST, 2026-05-10, 2026-01-01, STATUS_NOT_ALLOWED",
            "UPDATE,      REVOKED,       2026-05-10, 2026-01-01, STATUS_NOT_ALLOWED"})
    void answersTheFirstBrokenRule(CaseType type, CardStatus status, LocalDate expiresOn, LocalDate on,
                                   Verdict verdict) {
        assertThat(RULE.check(type, status, expiresOn, on)).isEqualTo(verdict);
    }

    @Test
    void throwsTheRejectionThatNamesTheRule_whenCardIsNotEligible() {
        LocalDate expires = LocalDate.of(2026, 5, 10);

        assertThatThrownBy(() -> RULE.require(CaseType.RENEWAL, CardStatus.REVOKED, expires, expires))
                .isInstanceOf(TransitionNotAllowed.class).hasMessageContaining("'renew'");
        assertThatThrownBy(() -> RULE.require(CaseType.RENEWAL, CardStatus.ACTIVE, null, expires))
                .isInstanceOf(RenewalWindowClosed.class);
        assertThatThrownBy(() -> RULE.require(CaseType.UPDATE, CardStatus.ACTIVE, expires, expires.plusDays(1)))
                .isInstanceOf(CardExpired.class);
        assertThatCode(() -> RULE.require(CaseType.REPLACEMENT, CardStatus.REPORTED_LOST, expires, expires))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesToJudge_whenCaseIsNew() {
        assertThatThrownBy(() -> RULE.check(CaseType.NEW, CardStatus.ACTIVE, null, LocalDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(CaseType.class)
    void asksForAReplacementReasonExactlyForReplacements(CaseType type) {
        boolean replacement = type == CaseType.REPLACEMENT;

        assertThat(ReplacementReason.fits(type, ReplacementReason.LOST)).isEqualTo(replacement);
        assertThat(ReplacementReason.fits(type, null)).isEqualTo(!replacement);
    }
}
