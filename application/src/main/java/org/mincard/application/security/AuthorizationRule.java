package org.mincard.application.security;

import org.mincard.domain.shared.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One row of the authorization matrix: who may call a method on a path pattern.
 *
 * @param method       the HTTP method, or {@code null} for every method
 * @param pattern      a Spring path pattern, written exactly as the controller's mapping writes it
 * @param anonymous    whether callers without authentication may call it (then every role may, too)
 * @param roles        the roles that may call it
 * @param personalData whether it reads or takes personal data (never allowed for auditors)
 * @param note         for the docs: when the row depends on configuration, or why it is as it is; may be empty
 */
record AuthorizationRule(HttpMethod method, String pattern, boolean anonymous, Set<Role> roles,
                                boolean personalData, String note) {

    AuthorizationRule {
        Objects.requireNonNull(pattern, "pattern");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        note = note == null ? "" : note;
        if (anonymous && !roles.equals(Role.staff())) {
            throw new IllegalArgumentException("a public rule is open to every role, too: " + pattern);
        }
        if (personalData && roles.contains(Role.AUDITOR)) {
            throw new IllegalArgumentException("auditors never get personal data: " + pattern);
        }
    }

    static AuthorizationRule roles(HttpMethod method, String pattern, boolean personalData, String note,
            Role... roles) {
        if (roles.length == 0) {
            throw new IllegalArgumentException("a rule needs at least one role: " + pattern);
        }
        return new AuthorizationRule(method, pattern, false, Set.of(roles), personalData, note);
    }

    static AuthorizationRule open(HttpMethod method, String pattern, String note) {
        return new AuthorizationRule(method, pattern, true, Role.staff(), false, note);
    }

    /** Public when {@code isPublic}, otherwise the given roles; for rows an operator switches. */
    static AuthorizationRule openIf(boolean isPublic, HttpMethod method, String pattern, String note, Role... roles) {
        return isPublic ? open(method, pattern, note) : roles(method, pattern, false, note, roles);
    }

    boolean allows(Role role) {
        return roles.contains(role);
    }

    /** The matcher both the security filter chain and the matrix test use, so they cannot disagree. */
    RequestMatcher matcher() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return method == null ? paths.matcher(pattern) : paths.matcher(method, pattern);
    }

    String[] roleNames() {
        return roles.stream().sorted().map(Role::name).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return (method == null ? "*" : method.name()) + " " + pattern + " -> "
                + (anonymous ? "anyone" : Arrays.toString(roleNames()));
    }
}
