package org.mincard.application.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.mincard.application.security.AuthorizationRule.open;
import static org.mincard.application.security.AuthorizationRule.openIf;
import static org.mincard.application.security.AuthorizationRule.roles;
import static org.mincard.domain.shared.Role.ADMIN;
import static org.mincard.domain.shared.Role.AUDITOR;
import static org.mincard.domain.shared.Role.CLERK;
import static org.mincard.domain.shared.Role.RECORDS_OFFICER;
import static org.mincard.domain.shared.Role.SUPERVISOR;

/**
 * The authorization matrix, the single source of truth: the security filter chain is built from it, the matrix test
 * checks every cell of it over HTTP, and docs/security.md must show it.
 *
 * <p>A new endpoint needs one row in {@link #API}, with the method and the path pattern of its mapping. Without a
 * row it is denied to everyone, and AuthorizationMatrixIT fails. Rows are matched in order, first match wins.
 * Site scoping (404 for another site's case) is on top of this, in the controller: see {@link SiteScope}.
 */
final class AuthorizationRules {

    /** The application's own endpoints. */
    static final List<AuthorizationRule> API = List.of(
            roles(HttpMethod.POST, "/api/v1/cases", true,
                    "Intake takes personal data; site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.GET, "/api/v1/cases/{caseId}", false,
                    "Non-personal case facts; site-scoped for clerks and supervisors", CLERK, SUPERVISOR,
                    RECORDS_OFFICER));

    private AuthorizationRules() {
    }

    /** Every rule in force under these settings: the API, then the operational endpoints. */
    static List<AuthorizationRule> all(SecuritySettings settings) {
        List<AuthorizationRule> rules = new ArrayList<>(API);
        String docs = "Public unless mincard.security.public-api-docs=false, then any role";
        rules.add(openIf(settings.publicApiDocs(), HttpMethod.GET, "/v3/api-docs", docs,
                CLERK, SUPERVISOR, RECORDS_OFFICER, AUDITOR, ADMIN));
        rules.add(openIf(settings.publicApiDocs(), HttpMethod.GET, "/v3/api-docs/**", docs,
                CLERK, SUPERVISOR, RECORDS_OFFICER, AUDITOR, ADMIN));
        rules.add(openIf(settings.publicApiDocs(), HttpMethod.GET, "/v3/api-docs.yaml", docs,
                CLERK, SUPERVISOR, RECORDS_OFFICER, AUDITOR, ADMIN));
        rules.add(openIf(settings.publicApiDocs(), HttpMethod.GET, "/swagger-ui.html", docs,
                CLERK, SUPERVISOR, RECORDS_OFFICER, AUDITOR, ADMIN));
        rules.add(openIf(settings.publicApiDocs(), HttpMethod.GET, "/swagger-ui/**", docs,
                CLERK, SUPERVISOR, RECORDS_OFFICER, AUDITOR, ADMIN));
        rules.add(open(HttpMethod.GET, "/actuator/health",
                "Status only; components' details for ADMIN"));
        rules.add(open(HttpMethod.GET, "/actuator/health/**",
                "Liveness and readiness probes"));
        rules.add(openIf(settings.publicPrometheus(), HttpMethod.GET, "/actuator/prometheus",
                "ADMIN unless mincard.security.public-prometheus=true", ADMIN));
        rules.add(roles(null, "/actuator/**", false, "Every other actuator endpoint", ADMIN));
        // Spring Boot renders failures through /error; its body is problem+json without framework details.
        rules.add(open(null, "/error", "Error rendering only"));
        return List.copyOf(rules);
    }

    /** The rule the filter chain applies to this request: the first that matches. */
    static Optional<AuthorizationRule> ruleFor(List<AuthorizationRule> rules, HttpServletRequest request) {
        return rules.stream().filter(rule -> rule.matcher().matches(request)).findFirst();
    }
}
