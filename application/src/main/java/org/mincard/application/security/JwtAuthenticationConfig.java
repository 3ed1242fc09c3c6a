package org.mincard.application.security;

import org.mincard.application.directory.StaffDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestOperations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Production: an OAuth2 resource server that accepts JWTs from the city's identity provider. Every token must be
 * signed by a key of that provider, be an access token ({@code typ} {@code at+jwt} of RFC 9068, {@code JWT}, or
 * none), carry its issuer and one of the configured audiences, carry {@code exp} and a lifetime no longer than
 * allowed, be within its validity (with a small clock skew), and name a mincard actor (see {@link TokenActors}).
 *
 * <p>Keys of a remote provider are fetched on the first token, not at start-up: the service starts while the
 * provider is down, and a token that arrives then is answered 503 (problem+json), retried on a later request.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = DemoUsersGuard.MODE, havingValue = "jwt")
class JwtAuthenticationConfig {

    /** RFC 9068 access tokens and plain JWTs; ID tokens of other types, logout tokens and the like are refused. */
    static final List<String> TOKEN_TYPES = List.of("JWT", "at+jwt");
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    static final Duration LONGEST_TOKEN_LIFETIME = Duration.ofDays(1);

    @Bean
    JwtDecoder jwtDecoder(SecuritySettings settings,
                          @Value("${mincard.security.jwt.verified-cache-size:10000}") int verifiedCacheSize) {
        JwtDecoder decoder = verifyingDecoder(settings);
        return verifiedCacheSize > 0 ? new VerifiedJwtCache(decoder, verifiedCacheSize, Clock.systemUTC()) : decoder;
    }

    private static JwtDecoder verifyingDecoder(SecuritySettings settings) {
        SecuritySettings.Jwt jwt = settings.jwt();
        refuseUnsafeSettings(jwt);
        JwtDecoder decoder;
        if (jwt.publicKeyLocation() != null) {
            NimbusJwtDecoder fixedKey = NimbusJwtDecoder.withPublicKey(publicKey(jwt))
                    .signatureAlgorithm(SignatureAlgorithm.from(jwt.jwsAlgorithms().get(0)))
                    .validateType(false)
                    .build();
            fixedKey.setJwtValidator(validator(jwt, Clock.systemUTC()));
            decoder = fixedKey;
        } else {
            RestOperations rest = ProviderJwtDecoder.restOperations(jwt.providerTimeout());
            decoder = new ProviderJwtDecoder(() -> {
                NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder keys = StringUtils.hasText(jwt.jwkSetUri())
                        ? NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri())
                        : NimbusJwtDecoder.withIssuerLocation(jwt.issuerUri());
                NimbusJwtDecoder remote = keys.restOperations(rest)
                        .validateType(false)
                        .jwsAlgorithms(algorithms -> {
                            algorithms.clear();
                            jwt.jwsAlgorithms().forEach(name -> algorithms.add(algorithm(name)));
                        }).build();
                remote.setJwtValidator(validator(jwt, Clock.systemUTC()));
                return remote;
            });
        }
        return decoder;
    }

    /** Settings that would let tokens in that must not get in refuse the start, with what to do instead. */
    static void refuseUnsafeSettings(SecuritySettings.Jwt jwt) {
        if (!StringUtils.hasText(jwt.issuerUri())) {
            throw new IllegalStateException("mincard.security.mode=jwt needs mincard.security.jwt.issuer-uri: "
                    + "tokens of any other issuer must be refused");
        }
        if (jwt.audiences().isEmpty()) {
            // Without an audience, a token the same provider issued to any other application of the city would do.
            throw new IllegalStateException("mincard.security.mode=jwt needs mincard.security.jwt.audiences "
                    + "(MINCARD_SECURITY_JWT_AUDIENCES): the aud value(s) the provider puts into tokens for mincard");
        }
        if (jwt.roleValues().isEmpty() && !jwt.acceptRoleNames()) {
            throw new IllegalStateException("mincard.security.mode=jwt needs mincard.security.jwt.role-values "
                    + "(or MINCARD_JWT_ROLE_VALUES): no token could name a mincard role");
        }
        if (jwt.clockSkew().isNegative() || jwt.clockSkew().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalStateException("mincard.security.jwt.clock-skew must be between 0 and "
                    + MAX_CLOCK_SKEW + ": synchronise the clocks (NTP) instead");
        }
        if (jwt.maxTokenLifetime().isNegative() || jwt.maxTokenLifetime().isZero()
                || jwt.maxTokenLifetime().compareTo(LONGEST_TOKEN_LIFETIME) > 0) {
            throw new IllegalStateException("mincard.security.jwt.max-token-lifetime must be positive and at most "
                    + LONGEST_TOKEN_LIFETIME + ": a stolen token stays valid until it expires");
        }
    }

    static OAuth2TokenValidator<Jwt> validator(SecuritySettings.Jwt jwt, Clock clock) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        JwtTypeValidator types = new JwtTypeValidator(TOKEN_TYPES);
        types.setAllowEmpty(true);
        validators.add(types);
        JwtTimestampValidator timestamps = new JwtTimestampValidator(jwt.clockSkew());
        timestamps.setClock(clock);
        validators.add(timestamps);
        validators.add(lifetime(jwt.maxTokenLifetime(), jwt.clockSkew(), clock));
        validators.add(new JwtIssuerValidator(jwt.issuerUri()));
        OAuth2Error wrongAudience = new OAuth2Error("invalid_token", "The token is not meant for this service",
                null);
        validators.add(token -> token.getAudience() != null
                && !Collections.disjoint(token.getAudience(), jwt.audiences())
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(wrongAudience));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /**
     * {@code exp} is required (a token without it would never expire), and the token may not live longer than
     * {@code max}: measured from {@code iat} (else {@code nbf}), and from now, so a forged future {@code iat} or a
     * missing one does not stretch it.
     */
    static OAuth2TokenValidator<Jwt> lifetime(Duration max, Duration skew, Clock clock) {
        OAuth2Error noExpiry = new OAuth2Error("invalid_token", "The token has no expiry", null);
        OAuth2Error tooLong = new OAuth2Error("invalid_token", "The token lives longer than this service accepts",
                null);
        return token -> {
            Instant expiresAt = token.getExpiresAt();
            if (expiresAt == null) {
                return OAuth2TokenValidatorResult.failure(noExpiry);
            }
            Instant issuedAt = token.getIssuedAt() != null ? token.getIssuedAt() : token.getNotBefore();
            if (issuedAt != null && Duration.between(issuedAt, expiresAt).compareTo(max) > 0) {
                return OAuth2TokenValidatorResult.failure(tooLong);
            }
            if (Duration.between(clock.instant(), expiresAt).compareTo(max.plus(skew)) > 0) {
                return OAuth2TokenValidatorResult.failure(tooLong);
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    private static SignatureAlgorithm algorithm(String name) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
        if (algorithm == null) {
            throw new IllegalStateException("unknown JWS algorithm in mincard.security.jwt.jws-algorithms: " + name);
        }
        return algorithm;
    }

    private static RSAPublicKey publicKey(SecuritySettings.Jwt jwt) {
        try (InputStream pem = jwt.publicKeyLocation().getInputStream()) {
            return RsaKeyConverters.x509().convert(pem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mincard.security.jwt.public-key-location", e);
        }
    }

    @Bean
    AuthenticationMechanism jwtAuthentication(JwtDecoder jwtDecoder, SecuritySettings settings,
                                              RefusalMetrics refusals,
                                              ObjectProvider<ClientRegistrationRepository> registrations,
                                              StaffDirectory staff) {
        SecurityProblems problems = new SecurityProblems("Bearer realm=\"mincard\"", refusals);
        TokenActors actors = new TokenActors(settings.jwt());
        return new AuthenticationMechanism() {
            @Override
            public void configure(HttpSecurity http) throws Exception {
                // Spring rethrows a provider outage (AuthenticationServiceException) as a 500; it is a 503 here.
                AuthenticationEntryPointFailureHandler failures = new AuthenticationEntryPointFailureHandler(problems);
                failures.setRethrowAuthenticationServiceException(false);
                http.oauth2ResourceServer(server -> server
                        .jwt(token -> token.decoder(jwtDecoder).jwtAuthenticationConverter(actors))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(failures);
                                return filter;
                            }
                        }));
            }

            @Override
            public void configureConsole(HttpSecurity http) throws Exception {
                ClientRegistrationRepository clients = registrations.getIfAvailable();
                if (clients != null) {
                    ConsoleOpenIdLogin.configure(http, clients, actors, staff);
                }
                // Without a registered provider nobody can sign in to the console; the API works as before.
            }

            @Override
            public SecurityProblems problems() {
                return problems;
            }
        };
    }
}
