package org.mincard.application.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens that passed verification (signature, issuer, audience, type, lifetime), until they expire, so a
 * client that sends the same bearer token with every request pays for one RSA verification, not one per request
 * (ADR 0020). Bounded ({@code mincard.security.jwt.verified-cache-size}, 0 = off): when full, expired entries are
 * dropped and, if it is still full, the token is verified every time instead of being remembered. Failures are
 * never remembered. A remembered token is served only before its {@code exp}; the validator's clock skew is not
 * extended to it.
 */
final class VerifiedJwtCache implements JwtDecoder {

    private final JwtDecoder delegate;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedJwtCache(JwtDecoder delegate, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Jwt known = verified.get(token);
        if (known != null) {
            if (known.getExpiresAt() != null && now.isBefore(known.getExpiresAt())) {
                return known;
            }
            verified.remove(token, known);
        }
        Jwt jwt = delegate.decode(token);
        if (jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt()) && room(now)) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    private boolean room(Instant now) {
        if (verified.size() < maxEntries) {
            return true;
        }
        for (Iterator<Jwt> it = verified.values().iterator(); it.hasNext(); ) {
            Jwt jwt = it.next();
            if (!now.isBefore(jwt.getExpiresAt())) {
                it.remove();
            }
        }
        return verified.size() < maxEntries;
    }

    int size() {
        return verified.size();
    }
}
