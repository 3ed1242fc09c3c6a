package org.mincard.application.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one security filter chain: stateless, authorization from {@link AuthorizationRules} only (anything without a
 * rule is denied), problem+json for 401 and 403, strict headers, and CORS only for listed origins.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** The rule's roles, and the metrics scraper's on the metrics endpoint when its credential is set. */
    static String[] roleNames(AuthorizationRule rule, SecuritySettings.MetricsScraper scraper) {
        if (scraper.enabled() && MetricsScraperFilter.PATH.equals(rule.pattern())) {
            return Stream.concat(Stream.of(rule.roleNames()), Stream.of(MetricsScraperFilter.ROLE))
                    .toArray(String[]::new);
        }
        return rule.roleNames();
    }

    /** The API answers JSON only: nothing may load, run or frame anything on its behalf. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** Swagger UI is a page of our own scripts and styles (it uses inline styles) and fetches our API description. */
    static final String SWAGGER_UI_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Bean
    SecurityFilterChain api(HttpSecurity http, AuthenticationMechanism authentication, SecuritySettings settings)
            throws Exception {
        List<AuthorizationRule> rules = AuthorizationRules.all(settings);
        authentication.configure(http);
        SecuritySettings.MetricsScraper scraper = settings.metricsScraper();
        if (scraper.enabled()) {
            http.addFilterBefore(new MetricsScraperFilter(scraper.username(),
                    scraper.password().read("mincard.security.metrics-scraper.password")),
                    BasicAuthenticationFilter.class);
        }
        RequestMatcher swaggerUi = new OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"),
                PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui.html"));
        return http
                .authorizeHttpRequests(requests -> {
                    for (AuthorizationRule rule : rules) {
                        if (rule.anonymous()) {
                            requests.requestMatchers(rule.matcher()).permitAll();
                        } else {
                            requests.requestMatchers(rule.matcher()).hasAnyRole(roleNames(rule, scraper));
                        }
                    }
                    requests.anyRequest().denyAll();
                })
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(authentication.problems())
                        .accessDeniedHandler(authentication.problems()))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .cors(cors -> {
                    if (settings.cors().allowedOrigins().isEmpty()) {
                        cors.disable();
                    } else {
                        cors.configurationSource(cors(settings.cors()));
                    }
                })
                .headers(headers -> headers
                        // Written only on requests that arrived over TLS (see docs/security.md on proxies).
                        .httpStrictTransportSecurity(hsts -> hsts
                                .includeSubDomains(true)
                                .maxAgeInSeconds(Duration.ofDays(365).toSeconds()))
                        .contentTypeOptions(options -> {
                        })
                        .frameOptions(frames -> frames.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(swaggerUi),
                                new StaticHeadersWriter("Content-Security-Policy", API_CSP)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(swaggerUi,
                                new StaticHeadersWriter("Content-Security-Policy", SwaggerUiSignIn.policy(settings)))))
                .build();
    }

    private static UrlBasedCorsConfigurationSource cors(SecuritySettings.Cors settings) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(settings.allowedOrigins());
        configuration.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name(), HttpMethod.PUT.name(),
                HttpMethod.PATCH.name(), HttpMethod.DELETE.name()));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
        configuration.setExposedHeaders(List.of("Location"));
        // Bearer tokens are sent explicitly; cookies are never needed, so credentials stay off.
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", configuration);
        return source;
    }
}
