package org.mincard.application.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtAuthenticationConfigTest {

    private static final String ISSUER = "https://idp.city.example/realms/mincard";
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private static SecuritySettings.Jwt settings(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "mincard.security.jwt.issuer-uri", ISSUER,
                "mincard.security.jwt.audiences", "mincard-api",
                "mincard.security.jwt.role-values[mincard-clerk]", "CLERK"));
        properties.putAll(overrides);
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("mincard.security", SecuritySettings.class).jwt();
    }

    private static OAuth2TokenValidator<Jwt> validator() {
        return JwtAuthenticationConfig.validator(settings(Map.of()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Jwt.Builder token() {
        return Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER).audience(List.of("mincard-api"))
                .subject("user-1").issuedAt(NOW.minusSeconds(10)).expiresAt(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void startsWithDefaults_whenIssuerAudienceAndRoleMapAreSet() {
        assertThatCode(() -> JwtAuthenticationConfig.refuseUnsafeSettings(settings(Map.of())))
                .doesNotThrowAnyException();
        assertThat(settings(Map.of()).maxTokenLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(settings(Map.of()).clockSkew()).isLessThanOrEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void refusesStart_whenNoAudienceIsConfigured() {
        SecuritySettings.Jwt jwt = settings(Map.of("mincard.security.jwt.audiences", ""));

        assertThatThrownBy(() -> JwtAuthenticationConfig.refuseUnsafeSettings(jwt))
                .hasMessageContaining("mincard.security.jwt.audiences");
    }

    @Test
    void refusesStart_whenNoTokenCouldNameARole() {
        Map<String, String> properties = Map.of("mincard.security.jwt.issuer-uri", ISSUER,
                "mincard.security.jwt.audiences", "mincard-api");
        SecuritySettings.Jwt jwt = new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("mincard.security", SecuritySettings.class).jwt();

        assertThatThrownBy(() -> JwtAuthenticationConfig.refuseUnsafeSettings(jwt))
                .hasMessageContaining("role-values");
    }

    @Test
    void refusesStart_whenClockSkewOrLifetimeIsTooLarge() {
        assertThatThrownBy(() -> JwtAuthenticationConfig.refuseUnsafeSettings(
                settings(Map.of("mincard.security.jwt.clock-skew", "10m")))).hasMessageContaining("clock-skew");
        assertThatThrownBy(() -> JwtAuthenticationConfig.refuseUnsafeSettings(
                settings(Map.of("mincard.security.jwt.max-token-lifetime", "3650d"))))
                .hasMessageContaining("max-token-lifetime");
    }

    @Test
    void accepts_whenTokenIsShortLivedAndTypedAsAnAccessToken() {
        assertThat(validator().validate(token().header("typ", "at+jwt").build()).hasErrors()).isFalse();
        assertThat(validator().validate(token().header("typ", "JWT").build()).hasErrors()).isFalse();
        assertThat(validator().validate(token().build()).hasErrors()).isFalse();
    }

    @Test
    void refuses_whenTypeIsNotAnAccessToken() {
        assertThat(validator().validate(token().header("typ", "logout+jwt").build()).hasErrors()).isTrue();
        assertThat(validator().validate(token().header("typ", "secevent+jwt").build()).hasErrors()).isTrue();
    }

    @Test
    void refuses_whenExpiryIsMissing() {
        Map<String, Object> claims = new HashMap<>(token().build().getClaims());
        claims.remove("exp");
        Jwt noExpiry = Jwt.withTokenValue("t").header("alg", "RS256").claims(c -> {
            c.clear();
            c.putAll(claims);
        }).build();

        assertThat(validator().validate(noExpiry).hasErrors()).isTrue();
    }

    @Test
    void refuses_whenLifetimeExceedsTheMaximum() {
        Jwt tenYears = token().expiresAt(NOW.plus(Duration.ofDays(3650))).build();
        Jwt futureIssued = token().issuedAt(NOW.plus(Duration.ofDays(2)))
                .expiresAt(NOW.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(5))).build();
        Jwt oneHour = token().issuedAt(NOW).expiresAt(NOW.plus(Duration.ofHours(1))).build();

        assertThat(validator().validate(tenYears).hasErrors()).isTrue();
        assertThat(validator().validate(futureIssued).hasErrors()).isTrue();
        assertThat(validator().validate(oneHour).hasErrors()).isFalse();
    }
}
