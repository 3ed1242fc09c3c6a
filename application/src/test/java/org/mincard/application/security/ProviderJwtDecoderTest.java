package org.mincard.application.security;

import org.junit.jupiter.api.Test;
import org.mincard.application.MovableClock;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only the lazy start and the retry rhythm; the real provider is in OpenIdProviderIT. */
class ProviderJwtDecoderTest {

    private static final String SOME_JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicBoolean providerUp = new AtomicBoolean(false);
    private final Jwt decoded = Jwt.withTokenValue(SOME_JWT).header("alg", "RS256").subject("x").build();
    private final ProviderJwtDecoder decoder = new ProviderJwtDecoder(() -> {
        attempts.incrementAndGet();
        if (!providerUp.get()) {
            throw new IllegalArgumentException("Unable to resolve the Configuration with the provided Issuer");
        }
        return (JwtDecoder) token -> decoded;
    }, clock);

    @Test
    void answersUnavailable_whenProviderIsDown_andRetriesAfterTheBackOff() {
        assertThatThrownBy(() -> decoder.decode(SOME_JWT)).isInstanceOf(JwtException.class)
                .isNotInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(SOME_JWT)).isInstanceOf(JwtException.class);
        assertThat(attempts).as("no new attempt within the back-off").hasValue(1);

        providerUp.set(true);
        clock.advance(Duration.ofSeconds(1));

        assertThat(decoder.decode(SOME_JWT)).isSameAs(decoded);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void refusesAsBadToken_whenTokenIsNotAJwt_evenWhileProviderIsDown() {
        assertThatThrownBy(() -> decoder.decode("not-a-token")).isInstanceOf(BadJwtException.class);
        assertThat(attempts).hasValue(0);
    }
}
