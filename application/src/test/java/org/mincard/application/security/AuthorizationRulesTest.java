package org.mincard.application.security;

import org.junit.jupiter.api.Test;
import org.mincard.domain.shared.Role;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizationRulesTest {

    static SecuritySettings settings(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("mincard.security", SecuritySettings.class);
    }

    private static AuthorizationRule ruleFor(List<AuthorizationRule> rules, String method, String path) {
        return AuthorizationRules.ruleFor(rules, new MockHttpServletRequest(method, path)).orElseThrow();
    }

    @Test
    void refusesRule_whenAuditorWouldGetPersonalData() {
        assertThatThrownBy(() -> AuthorizationRule.roles(HttpMethod.GET, "/api/v1/x", true, "", Role.AUDITOR))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void grantsAuditorNothing_whenEndpointTouchesPersonalData() {
        assertThat(AuthorizationRules.API).filteredOn(AuthorizationRule::personalData)
                .noneMatch(rule -> rule.allows(Role.AUDITOR));
    }

    @Test
    void keepsPrometheusForAdmins_whenNotMadePublic() {
        List<AuthorizationRule> closed = AuthorizationRules.all(settings(Map.of()));
        List<AuthorizationRule> open = AuthorizationRules.all(
                settings(Map.of("mincard.security.public-prometheus", "true")));

        assertThat(ruleFor(closed, "GET", "/actuator/prometheus").anonymous()).isFalse();
        assertThat(ruleFor(closed, "GET", "/actuator/prometheus").roles()).containsExactly(Role.ADMIN);
        assertThat(ruleFor(open, "GET", "/actuator/prometheus").anonymous()).isTrue();
    }

    @Test
    void keepsActuatorForAdmins_whenEndpointIsNotHealth() {
        List<AuthorizationRule> rules = AuthorizationRules.all(settings(Map.of()));

        assertThat(ruleFor(rules, "GET", "/actuator/health/readiness").anonymous()).isTrue();
        assertThat(ruleFor(rules, "POST", "/actuator/loggers/org.mincard").roles()).containsExactly(Role.ADMIN);
        assertThat(ruleFor(rules, "GET", "/actuator").roles()).containsExactly(Role.ADMIN);
    }

    @Test
    void matchesLikeTheControllerMapping_whenPathHasVariables() {
        List<AuthorizationRule> rules = AuthorizationRules.all(settings(Map.of()));

        assertThat(ruleFor(rules, "GET", "/api/v1/cases/3b2f").pattern()).isEqualTo("/api/v1/cases/{caseId}");
        assertThat(AuthorizationRules.ruleFor(rules, new MockHttpServletRequest("DELETE", "/api/v1/cases/3b2f")))
                .isEmpty();
    }
}
