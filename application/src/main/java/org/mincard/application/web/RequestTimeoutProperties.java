package org.mincard.application.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The time limit of one state-changing request's database work ({@code mincard.web.request-timeout}; zero disables
 * it), beside PostgreSQL's per-statement {@code statement_timeout} and {@code lock_timeout}: see {@link RequestTimeLimit}.
 */
@Validated
@ConfigurationProperties("mincard.web")
public record RequestTimeoutProperties(@NotNull Duration requestTimeout) {
}
