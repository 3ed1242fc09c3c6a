package org.mincard.application.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import java.time.Duration;

import static org.mincard.domain.shared.Role.AUDITOR;
import static org.mincard.domain.shared.Role.CLERK;
import static org.mincard.domain.shared.Role.RECORDS_OFFICER;
import static org.mincard.domain.shared.Role.SUPERVISOR;

/**
 * The console's own filter chain (docs/console.md), before the API's: a session per signed-in person (so a password
 * is checked once per login), CSRF tokens on every form, a strict content security policy (our own scripts and
 * styles only, nothing inline), and the screens' role table. Everything else falls through to the API chain, whose
 * bearer/basic authentication is unchanged.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfig {

    static final String HOME = "/console";
    static final String LOGIN_PAGE = "/console/login";
    /** Our scripts and styles only, nothing inline; forms post back to us; nothing may frame the console. */
    static final String CONSOLE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, AuthenticationMechanism authentication) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        authentication.configureConsole(http);
        return http
                .securityMatcher(new OrRequestMatcher(paths.matcher("/"), paths.matcher("/console"),
                        paths.matcher("/console/**"), paths.matcher("/webjars/htmx.org/**")))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths.matcher(HttpMethod.GET, "/")).permitAll()
                        .requestMatchers(paths.matcher(HttpMethod.GET, "/console/assets/**")).permitAll()
                        .requestMatchers(paths.matcher(HttpMethod.GET, "/webjars/htmx.org/**")).permitAll()
                        .requestMatchers(paths.matcher(LOGIN_PAGE)).permitAll()
                        .requestMatchers(paths.matcher(ConsoleOpenIdLogin.AUTHORIZATION_BASE + "/**")).permitAll()
                        .requestMatchers(paths.matcher("/console/login/oauth2/code/**")).permitAll()
                        .requestMatchers(paths.matcher(HttpMethod.GET, HOME)).authenticated()
                        .requestMatchers(paths.matcher("/console/denied")).permitAll()
                        .requestMatchers(paths.matcher(HttpMethod.POST, "/console/logout")).authenticated()
                        .requestMatchers(paths.matcher(HttpMethod.GET, "/console/my-work"))
                        .hasAnyRole(CLERK.name(), SUPERVISOR.name())
                        .requestMatchers(paths.matcher("/console/queues/**")).hasAnyRole(CLERK.name(), SUPERVISOR.name())
                        .requestMatchers(paths.matcher(HttpMethod.GET, "/console/cases/{caseId}"))
                        .hasAnyRole(CLERK.name(), SUPERVISOR.name(), RECORDS_OFFICER.name())
                        .requestMatchers(paths.matcher("/console/cases/**")).hasAnyRole(CLERK.name(), SUPERVISOR.name())
                        .requestMatchers(paths.matcher("/console/cards/**")).hasAnyRole(CLERK.name(), SUPERVISOR.name())
                        .requestMatchers(paths.matcher("/console/dashboard/**")).hasRole(SUPERVISOR.name())
                        .requestMatchers(paths.matcher("/console/dashboard")).hasRole(SUPERVISOR.name())
                        .requestMatchers(paths.matcher("/console/records/**")).hasRole(RECORDS_OFFICER.name())
                        .requestMatchers(paths.matcher("/console/records")).hasRole(RECORDS_OFFICER.name())
                        .requestMatchers(paths.matcher("/console/audit/**")).hasRole(AUDITOR.name())
                        .requestMatchers(paths.matcher("/console/audit")).hasRole(AUDITOR.name())
                        .anyRequest().denyAll())
                .sessionManagement(session -> session
                        .sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(exceptions -> exceptions.accessDeniedPage("/console/denied"))
                .logout(logout -> logout
                        .logoutUrl("/console/logout")
                        .logoutSuccessUrl(LOGIN_PAGE + "?logout")
                        .deleteCookies("MINCARD_CONSOLE"))
                .httpBasic(basic -> basic.disable())
                .headers(headers -> headers
                        .httpStrictTransportSecurity(hsts -> hsts
                                .includeSubDomains(true)
                                .maxAgeInSeconds(Duration.ofDays(365).toSeconds()))
                        .contentTypeOptions(options -> {
                        })
                        .frameOptions(frames -> frames.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONSOLE_CSP)))
                .build();
    }

    /** A locked name (too many wrong passwords) is told so; any other failure gets the same neutral message. */
    static AuthenticationFailureHandler loginFailure() {
        return (request, response, exception) -> response.sendRedirect(request.getContextPath() + LOGIN_PAGE
                + (exception instanceof LockedException ? "?locked" : "?error"));
    }
}
