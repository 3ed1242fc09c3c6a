package org.mincard.application.retention.policy;

import org.junit.jupiter.api.Test;
import org.mincard.domain.personaldata.DataClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionPolicyTest {

    private static RetentionProperties.Rule rule(String id, String dataClass, String trigger, String delay,
                                                 String authority) {
        return new RetentionProperties.Rule(id, dataClass, trigger, delay, authority);
    }

    private static final RetentionProperties.Rule GOOD =
            rule("contact-decision", "CONTACT", "DECISION_MADE", "P0D", "LRC-1");

    private static RetentionProperties withRules(RetentionProperties.Rule... rules) {
        List<RetentionProperties.Rule> all = new ArrayList<>(List.of(GOOD));
        all.addAll(List.of(rules));
        return new RetentionProperties("p", Map.of("p", new RetentionProperties.Profile("1", null, all)),
                null, null, null);
    }

    @Test
    void answersActiveProfileAndRules_whenConfigurationIsValid() {
        RetentionPolicy policy = RetentionPolicy.from(withRules(
                rule("card-lapsed", "card_record", "card-lapsed", "P6M", "LRC-2")));

        assertThat(policy.profile()).isEqualTo("p");
        assertThat(policy.version()).isEqualTo("1");
        assertThat(policy.rule(DataClass.CARD_RECORD, RetentionTrigger.CARD_LAPSED)).get()
                .extracting(RetentionRule::id).isEqualTo("card-lapsed");
    }

    @Test
    void refusesStartNamingTheRule_whenAuthorityIsMissing() {
        assertThatThrownBy(() -> RetentionPolicy.from(withRules(
                rule("review-decision", "REVIEW", "DECISION_MADE", "P0D", " "))))
                .isInstanceOf(RetentionPolicyInvalid.class)
                .hasMessageContaining("'review-decision'").hasMessageContaining("authority");
    }

    @Test
    void refusesStartNamingTheRule_whenTriggerIsUnknown() {
        assertThatThrownBy(() -> RetentionPolicy.from(withRules(
                rule("review-x", "REVIEW", "CASE_FORGOTTEN", "P0D", "LRC-1"))))
                .isInstanceOf(RetentionPolicyInvalid.class)
                .hasMessageContaining("'review-x'").hasMessageContaining("unknown trigger");
    }

    @Test
    void refusesStartNamingTheRule_whenDataClassIsUnknown() {
        assertThatThrownBy(() -> RetentionPolicy.from(withRules(
                rule("ssn-rule", "SSN", "DECISION_MADE", "P0D", "LRC-1"))))
                .isInstanceOf(RetentionPolicyInvalid.class)
                .hasMessageContaining("'ssn-rule'").hasMessageContaining("unknown data class");
    }

    @Test
    void refusesStartNamingBothRules_whenTwoRulesContradict() {
        assertThatThrownBy(() -> RetentionPolicy.from(withRules(
                rule("contact-decision-late", "CONTACT", "DECISION_MADE", "P30D", "LRC-1"))))
                .isInstanceOf(RetentionPolicyInvalid.class)
                .hasMessageContaining("'contact-decision-late'").hasMessageContaining("'contact-decision'")
                .hasMessageContaining("different delays");
    }

    @Test
    void refusesStart_whenDelayIsNotAnIsoPeriod() {
        assertThatThrownBy(() -> RetentionPolicy.from(withRules(
                rule("review-soon", "REVIEW", "DECISION_MADE", "soon", "LRC-1"))))
                .isInstanceOf(RetentionPolicyInvalid.class)
                .hasMessageContaining("'review-soon'").hasMessageContaining("ISO-8601");
    }

    @Test
    void refusesStart_whenCardLapseRuleTargetsAnotherClass() {
        assertThatThrownBy(() -> RetentionPolicy.from(withRules(
                rule("contact-lapse", "CONTACT", "CARD_LAPSED", "P0D", "LRC-1"))))
                .isInstanceOf(RetentionPolicyInvalid.class).hasMessageContaining("'contact-lapse'");
    }

    @Test
    void refusesStart_whenRuleIdsRepeat() {
        assertThatThrownBy(() -> RetentionPolicy.from(withRules(
                rule("contact-decision", "REVIEW", "DECISION_MADE", "P0D", "LRC-1"))))
                .isInstanceOf(RetentionPolicyInvalid.class).hasMessageContaining("same id");
    }

    @Test
    void refusesStart_whenActiveProfileIsNotConfigured() {
        RetentionProperties properties = new RetentionProperties("missing",
                Map.of("p", new RetentionProperties.Profile("1", null, List.of(GOOD))), null, null, null);

        assertThatThrownBy(() -> RetentionPolicy.from(properties))
                .isInstanceOf(RetentionPolicyInvalid.class).hasMessageContaining("'missing'");
    }
}
