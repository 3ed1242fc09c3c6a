package org.mincard.application.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Verified tokens are remembered until they expire (one RS256 verification per token, not per request); failures,
 * expired tokens and anything beyond the bound are not. Real signatures through Nimbus, as in the service.
 */
class VerifiedJwtCacheTest {

    private static final Instant NOW = Instant.now();

    private final KeyPair keys = rsa();
    private final AtomicInteger verifications = new AtomicInteger();
    private final NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
    private final JwtDecoder counting = token -> {
        verifications.incrementAndGet();
        return nimbus.decode(token);
    };

    @Test
    void verifiesATokenOnce_andServesItUntilItExpires() {
        MutableClock clock = new MutableClock(NOW);
        VerifiedJwtCache cache = new VerifiedJwtCache(counting, 10, clock);
        String token = sign("clerk-a", NOW.plusSeconds(300));

        Jwt first = cache.decode(token);
        Jwt second = cache.decode(token);
        int beforeExpiry = verifications.get();
        clock.now = NOW.plusSeconds(301);
        cache.decode(token);

        assertThat(second).isSameAs(first);
        assertThat(second.getSubject()).isEqualTo("clerk-a");
        assertThat(beforeExpiry).isEqualTo(1);
        // Past its exp the token is handed to the verifier again (which decides with its own clock), not served.
        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void neverRemembersAFailure() {
        VerifiedJwtCache cache = new VerifiedJwtCache(counting, 10, Clock.fixed(NOW, ZoneOffset.UTC));
        String token = sign("clerk-a", NOW.plusSeconds(300));
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThatThrownBy(() -> cache.decode(tampered)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode(tampered)).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void staysWithinItsBound_verifyingEveryTimeWhenFull() {
        VerifiedJwtCache cache = new VerifiedJwtCache(counting, 2, Clock.fixed(NOW, ZoneOffset.UTC));
        String a = sign("a", NOW.plusSeconds(300));
        String b = sign("b", NOW.plusSeconds(300));
        String c = sign("c", NOW.plusSeconds(300));

        cache.decode(a);
        cache.decode(b);
        cache.decode(c);
        cache.decode(c);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(verifications).hasValue(4);
    }

    private String sign(String subject, Instant expires) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                    .subject(subject).issueTime(Date.from(NOW.minus(Duration.ofSeconds(10))))
                    .expirationTime(Date.from(expires)).build());
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
