package org.mincard.domain.retention;

import org.junit.jupiter.api.Test;
import org.mincard.domain.personaldata.DataClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionPolicyTest {

    private static RetentionPolicy.ConfiguredRule rule(String id, String dataClass, String trigger, String delay,
                                                 String authority) {
        return new RetentionPolicy.ConfiguredRule(id, dataClass, trigger, delay, authority);
    }

    private static final RetentionPolicy.ConfiguredRule GOOD =
            rule("contact-decision", "CONTACT", "DECISION_MADE", "P0D", "LRC-1");

    private static Map<String, RetentionPolicy.ConfiguredProfile> withRules(RetentionPolicy.ConfiguredRule... rules) {
        List<RetentionPolicy.ConfiguredRule> all = new ArrayList<>(List.of(GOOD));
        all.addAll(List.of(rules));
        return Map.of("p", new RetentionPolicy.ConfiguredProfile("1", null, all));
    }

    @Test
    void answersActiveProfileAndRules_whenConfigurationIsValid() {
        RetentionPolicy policy = RetentionPolicy.from("p", withRules(
                rule("card-lapsed", "card_record", "card-lapsed", "P6M", "LRC-2")));

        assertThat(policy.profile()).isEqualTo("p");
        assertThat(policy.version()).isEqualTo("1");
        assertThat(policy.rule(DataClass.CARD_RECORD, RetentionTrigger.CARD_LAPSED)).get()
                .extracting(RetentionRule::id).isEqualTo("card-lapsed");
    }

    @Test
    void refusesStartNamingTheRule_whenAuthorityIsMissing() {
        assertThatThrownBy(() -> RetentionPolicy.from("p", withRules(
                rule("review-decision", "REVIEW", "DECISION_MADE", "P0D", " "))))
                .isInstanceOf(RetentionPolicyInvalid.class)
                .hasMessageContaining("'review-decision'").hasMessageContaining("authority");
    }

    @Test
    void refusesStartNamingTheRule_whenTriggerIsUnknown() {
        assertThatThrownBy(() -> RetentionPolicy.from("p", withRules(
                rule("review-x", "REVIEW", "CASE_FORGOTTEN", "P0D", "LRC-1"))))
                .isInstanceOf(RetentionPolicyInvalid.class)
                .hasMessageContaining("'review-x'").hasMessageContaining("unknown trigger");
    }

    @Test
    void refusesStartNamingTheRule_whenDataClassIsUnknown() {
        assertThatThrownBy(() -> RetentionPolicy.from("p", withRules(
                rule("ssn-rule", "SSN", "DECISION_MADE", "P0D", "LRC-1"))))
                .isInstanceOf(RetentionPolicyInvalid.class)
                .hasMessageContaining("'ssn-rule'").hasMessageContaining("unknown data class");
    }

    @Test
    void refusesStartNamingBothRules_whenTwoRulesContradict() {
        assertThatThrownBy(() -> RetentionPolicy.from("p", withRules(
                rule("contact-decision-late", "CONTACT", "DECISION_MADE", "P30D", "LRC-1"))))
                .isInstanceOf(RetentionPolicyInvalid.class)
                .hasMessageContaining("'contact-decision-late'").hasMessageContaining("'contact-decision'")
                .hasMessageContaining("different delays");
    }

    @Test
    void refusesStart_whenDelayIsNotAnIsoPeriod() {
        assertThatThrownBy(() -> RetentionPolicy.from("p", withRules(
                rule("review-soon", "REVIEW", "DECISION_MADE", "soon", "LRC-1"))))
                .isInstanceOf(RetentionPolicyInvalid.class)
                .hasMessageContaining("'review-soon'").hasMessageContaining("ISO-8601");
    }

    @Test
    void refusesStart_whenCardLapseRuleTargetsAnotherClass() {
        assertThatThrownBy(() -> RetentionPolicy.from("p", withRules(
                rule("contact-lapse", "CONTACT", "CARD_LAPSED", "P0D", "LRC-1"))))
                .isInstanceOf(RetentionPolicyInvalid.class).hasMessageContaining("'contact-lapse'");
    }

    @Test
    void refusesStart_whenRuleIdsRepeat() {
        assertThatThrownBy(() -> RetentionPolicy.from("p", withRules(
                rule("contact-decision", "REVIEW", "DECISION_MADE", "P0D", "LRC-1"))))
                .isInstanceOf(RetentionPolicyInvalid.class).hasMessageContaining("same id");
    }

    @Test
    void refusesStart_whenActiveProfileIsNotConfigured() {
        Map<String, RetentionPolicy.ConfiguredProfile> profiles =
                Map.of("p", new RetentionPolicy.ConfiguredProfile("1", null, List.of(GOOD)));

        assertThatThrownBy(() -> RetentionPolicy.from("missing", profiles))
                .isInstanceOf(RetentionPolicyInvalid.class).hasMessageContaining("'missing'");
    }
}
