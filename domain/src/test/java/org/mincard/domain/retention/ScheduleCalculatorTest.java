package org.mincard.domain.retention;

import org.junit.jupiter.api.Test;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.retention.RetentionFact.SourceKind;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleCalculatorTest {

    private static final UUID HOLDER = UUID.randomUUID();
    private static final UUID SITE = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private static final RetentionPolicy POLICY = RetentionPolicy.of("test", "1", List.of(
            new RetentionRule("card-lapsed", DataClass.CARD_RECORD, RetentionTrigger.CARD_LAPSED, Period.ZERO, "A"),
            new RetentionRule("card-no-show", DataClass.CARD_RECORD, RetentionTrigger.APPLICANT_NO_SHOW,
                    Period.ofDays(30), "A"),
            new RetentionRule("card-denied", DataClass.CARD_RECORD, RetentionTrigger.APPEAL_WINDOW_CLOSED,
                    Period.ZERO, "A"),
            new RetentionRule("review-decision", DataClass.REVIEW, RetentionTrigger.DECISION_MADE, Period.ZERO,
                    "A"),
            new RetentionRule("contact-decision", DataClass.CONTACT, RetentionTrigger.DECISION_MADE, Period.ZERO,
                    "A")));

    private static ScheduleCalculator.Source source(SourceKind kind, DataClass... classes) {
        ScheduleCalculator.Source source = ScheduleCalculator.empty(UUID.randomUUID(), kind, HOLDER, SITE,
                LocalDate.of(2026, 1, 5));
        for (DataClass dataClass : classes) {
            source.sealed().put(dataClass, T0);
        }
        return source;
    }

    private static ScheduleCalculator.Item item(List<ScheduleCalculator.Source> sources, DataClass dataClass) {
        return ScheduleCalculator.items(HOLDER, sources, Map.of(), POLICY).stream()
                .filter(item -> item.dataClass() == dataClass).findFirst().orElseThrow();
    }

    @Test
    void keepsCardRecordUntilActiveCardLapses_whenRenewalCaseIsANoShow() {
        ScheduleCalculator.Source card = source(SourceKind.CARD, DataClass.CARD_RECORD);
        Instant lapse = Instant.parse("2031-07-05T00:00:00Z");
        card.facts().put("CARD_LAPSED", lapse);
        ScheduleCalculator.Source renewal = source(SourceKind.CASE, DataClass.CARD_RECORD);
        renewal.facts().put("APPLICANT_NO_SHOW", T0);

        ScheduleCalculator.Item item = item(List.of(card, renewal), DataClass.CARD_RECORD);

        assertThat(item.dueAt()).isEqualTo(lapse);
        assertThat(item.ruleId()).isEqualTo("card-lapsed");
    }

    @Test
    void keepsClassOpen_whenAnyCaseOfTheHolderHasNoEndingYet() {
        ScheduleCalculator.Source decided = source(SourceKind.CASE, DataClass.CONTACT);
        decided.facts().put("DECISION_MADE", T0);
        ScheduleCalculator.Source pending = source(SourceKind.CASE, DataClass.CONTACT);

        ScheduleCalculator.Item item = item(List.of(decided, pending), DataClass.CONTACT);

        assertThat(item.dueAt()).isNull();
    }

    @Test
    void waitsForAppealWindow_whenDeniedCaseReviewIsDueAtDecision() {
        ScheduleCalculator.Source denied = source(SourceKind.CASE, DataClass.REVIEW);
        Instant deadline = T0.plusSeconds(30 * 86400);
        denied.facts().put("DECISION_MADE", T0);
        denied.facts().put("APPEAL_WINDOW_CLOSED", deadline);
        ScheduleCalculator.Source withWindow = new ScheduleCalculator.Source(denied.sourceId(), denied.kind(),
                HOLDER, SITE, denied.openedOn(), denied.sealed(), denied.facts(), deadline, false);

        assertThat(item(List.of(withWindow), DataClass.REVIEW).dueAt()).isEqualTo(deadline);
    }

    @Test
    void keepsEverything_whenAppealIsPending() {
        ScheduleCalculator.Source appealed = new ScheduleCalculator.Source(UUID.randomUUID(), SourceKind.CASE,
                HOLDER, SITE, LocalDate.of(2026, 1, 5), new EnumMap<>(Map.of(DataClass.REVIEW, T0)),
                new HashMap<>(Map.of("DECISION_MADE", T0)), null, true);

        assertThat(item(List.of(appealed), DataClass.REVIEW).dueAt()).isNull();
    }

    @Test
    void neverDue_whenOnlySubsumedReasonsEnded() {
        ScheduleCalculator.Source produced = source(SourceKind.CASE, DataClass.CARD_RECORD);
        produced.facts().put(ScheduleCalculator.SUBSUMED, T0);

        assertThat(item(List.of(produced), DataClass.CARD_RECORD).dueAt()).isNull();
    }

    @Test
    void ignoresDataSealedBeforeLastPurge_whenClassWasPurged() {
        ScheduleCalculator.Source decided = source(SourceKind.CASE, DataClass.CONTACT);
        decided.facts().put("DECISION_MADE", T0);

        List<ScheduleCalculator.Item> items = ScheduleCalculator.items(HOLDER, List.of(decided),
                Map.of(DataClass.CONTACT, T0.plusSeconds(60)), POLICY);

        assertThat(items).isEmpty();
    }
}
