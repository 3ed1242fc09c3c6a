package org.mincard.application.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Counts refused requests (401, 403) by the authorization rule they hit and the caller's role, so that probing shows
 * on a dashboard: a clerk asking for the access log, an auditor asking for personal data, a burst of bad
 * credentials. Labels are bounded and hold no personal data: the rule's path pattern (never the request's path,
 * which may carry a card number), the role or "none".
 */
@Component
class RefusalMetrics {

    static final String NAME = "mincard.security.refusals";

    private final MeterRegistry registry;
    private final List<AuthorizationRule> rules;

    RefusalMetrics(MeterRegistry registry, SecuritySettings settings) {
        this.registry = registry;
        this.rules = AuthorizationRules.all(settings);
    }

    void refused(HttpServletRequest request, int status) {
        String rule = AuthorizationRules.ruleFor(rules, request)
                .map(r -> (r.method() == null ? "*" : r.method().name()) + " " + r.pattern())
                .orElse("unmatched");
        Counter.builder(NAME)
                .description("Requests refused by authentication (401) or authorization (403)")
                .tag("status", Integer.toString(status))
                .tag("rule", rule)
                .tag("role", role())
                .register(registry)
                .increment();
    }

    private static String role() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return "none";
        }
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring(5))
                .findFirst().orElse("none");
    }
}
