package org.mincard.domain.cardholder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mincard.domain.shared.AgeBand;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PoliciesTest {

    @ParameterizedTest(name = "born {0}, on {1}: {2}")
    @CsvSource({
            "2012-03-02, 2026-03-01, CHILD",
            "2012-03-01, 2026-03-01, ADULT",
            "1961-03-02, 2026-03-01, ADULT",
            "1961-03-01, 2026-03-01, SENIOR"})
    void bandsAgeOnItsBirthdayEdges(LocalDate born, LocalDate on, AgeBand band) {
        assertThat(CardValidityPolicy.DEFAULT.ageBand(born, on)).isEqualTo(band);
    }

    @ParameterizedTest(name = "expires {0}, on {1}: open={2}")
    @CsvSource({
            "2026-05-10, 2026-03-10, false",
            "2026-05-10, 2026-03-11, true",
            "2026-05-10, 2026-11-10, true",
            "2026-05-10, 2026-11-11, false"})
    void opensRenewalSixtyDaysBeforeAndClosesSixMonthsAfterExpiry(LocalDate expires, LocalDate on, boolean open) {
        assertThat(RenewalPolicy.DEFAULT.isOpen(expires, on)).isEqualTo(open);
    }

    @Test
    void lapsesTheDayAfterGracePeriodEnds() {
        assertThat(RenewalPolicy.DEFAULT.lapsesOn(LocalDate.of(2026, 5, 10))).isEqualTo(LocalDate.of(2026, 11, 11));
        assertThat(RenewalPolicy.DEFAULT.lapsesOn(null)).isNull();
    }
}
