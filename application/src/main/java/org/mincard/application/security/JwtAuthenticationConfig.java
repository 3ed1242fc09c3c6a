package org.mincard.application.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Production: an OAuth2 resource server that accepts JWTs from the city's identity provider. Every token must be
 * signed by a key of that provider, carry its issuer, be within its validity (with a small clock skew), carry a
 * configured audience if one is set, and name a mincard actor (see {@link TokenActors}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = DemoUsersGuard.MODE, havingValue = "jwt")
class JwtAuthenticationConfig {

    @Bean
    JwtDecoder jwtDecoder(SecuritySettings settings) {
        SecuritySettings.Jwt jwt = settings.jwt();
        if (!StringUtils.hasText(jwt.issuerUri())) {
            throw new IllegalStateException("mincard.security.mode=jwt needs mincard.security.jwt.issuer-uri: "
                    + "tokens of any other issuer must be refused");
        }
        NimbusJwtDecoder decoder;
        if (jwt.publicKeyLocation() != null) {
            decoder = NimbusJwtDecoder.withPublicKey(publicKey(jwt))
                    .signatureAlgorithm(SignatureAlgorithm.from(jwt.jwsAlgorithms().get(0)))
                    .build();
        } else {
            NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder keys = StringUtils.hasText(jwt.jwkSetUri())
                    ? NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri())
                    : NimbusJwtDecoder.withIssuerLocation(jwt.issuerUri());
            decoder = keys.jwsAlgorithms(algorithms -> {
                algorithms.clear();
                jwt.jwsAlgorithms().forEach(name -> algorithms.add(algorithm(name)));
            }).build();
        }
        decoder.setJwtValidator(validator(jwt));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(SecuritySettings.Jwt jwt) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(jwt.clockSkew()));
        validators.add(new JwtIssuerValidator(jwt.issuerUri()));
        if (!jwt.audiences().isEmpty()) {
            OAuth2Error wrongAudience = new OAuth2Error("invalid_token", "The token is not meant for this service",
                    null);
            validators.add(token -> token.getAudience() != null
                    && !Collections.disjoint(token.getAudience(), jwt.audiences())
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(wrongAudience));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
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
                                              RefusalMetrics refusals) {
        SecurityProblems problems = new SecurityProblems("Bearer realm=\"mincard\"", refusals);
        TokenActors actors = new TokenActors(settings.jwt());
        return new AuthenticationMechanism() {
            @Override
            public void configure(HttpSecurity http) throws Exception {
                http.oauth2ResourceServer(server -> server
                        .jwt(token -> token.decoder(jwtDecoder).jwtAuthenticationConverter(actors))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
            }

            @Override
            public SecurityProblems problems() {
                return problems;
            }
        };
    }
}
