package org.mincard.application.retention.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** Each bad profile configuration fails the start with a failure analysis that names the rule. */
class RetentionProfileStartupTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RetentionProperties.class)
    @Import(RetentionPolicyConfig.class)
    static class PolicyOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(PolicyOnly.class)
            .withPropertyValues("mincard.retention.profile=city",
                    "mincard.retention.profiles.city.version=1",
                    "mincard.retention.profiles.city.rules[0].id=contact-decision",
                    "mincard.retention.profiles.city.rules[0].data-class=CONTACT",
                    "mincard.retention.profiles.city.rules[0].trigger=DECISION_MADE",
                    "mincard.retention.profiles.city.rules[0].delay=P0D",
                    "mincard.retention.profiles.city.rules[0].authority=LRC-1");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no authority     | review-x | REVIEW   | DECISION_MADE  | P0D  |       | names no disposal authority",
            "unknown trigger  | review-x | REVIEW   | CASE_FORGOTTEN | P0D  | LRC-1 | unknown trigger",
            "unknown class    | review-x | SSN      | DECISION_MADE  | P0D  | LRC-1 | unknown data class",
            "contradiction    | review-x | CONTACT  | DECISION_MADE  | P30D | LRC-1 | contradicts rule 'contact-decision'",
            "bad delay        | review-x | REVIEW   | DECISION_MADE  | 30d  | LRC-1 | ISO-8601"})
    void refusesStartNamingTheRule_whenProfileIsBad(String name, String id, String dataClass, String trigger,
                                                    String delay, String authority, String expected) {
        runner.withPropertyValues("mincard.retention.profiles.city.rules[1].id=" + id,
                        "mincard.retention.profiles.city.rules[1].data-class=" + dataClass,
                        "mincard.retention.profiles.city.rules[1].trigger=" + trigger,
                        "mincard.retention.profiles.city.rules[1].delay=" + delay,
                        "mincard.retention.profiles.city.rules[1].authority=" + (authority == null ? "" : authority))
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new RetentionPolicyInvalidFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("profile 'city'").contains("'review-x'")
                            .contains(expected);
                    assertThat(analysis.getAction()).contains("mincard.retention.profiles");
                });
    }
}
