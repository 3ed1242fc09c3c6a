package org.mincard.application.security;

import com.nimbusds.jwt.JWTParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;

import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Decodes tokens of a remote identity provider whose discovery document and keys are fetched on the first token,
 * not at start-up, so that the service starts (and its health answers) while the provider is down.
 *
 * <p>A failed fetch is retried: at once for a dropped connection, then by the next token after a back-off (1 s,
 * doubling up to 30 s) during which tokens are answered "provider unavailable" without another attempt, so an
 * outage does not hold every request thread for the timeout. "Unavailable" is a {@link JwtException} that is not
 * a {@link BadJwtException}: Spring turns it into an {@code AuthenticationServiceException}, answered 503.
 */
final class ProviderJwtDecoder implements JwtDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderJwtDecoder.class);
    private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
    private static final Duration LONGEST_BACK_OFF = Duration.ofSeconds(30);
    private static final int ATTEMPTS_PER_FETCH = 3;

    private final Supplier<JwtDecoder> factory;
    private final Clock clock;
    private volatile JwtDecoder delegate;
    private Instant nextAttempt = Instant.MIN;
    private Duration backOff = FIRST_BACK_OFF;

    ProviderJwtDecoder(Supplier<JwtDecoder> factory) {
        this(factory, Clock.systemUTC());
    }

    ProviderJwtDecoder(Supplier<JwtDecoder> factory, Clock clock) {
        this.factory = factory;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        try {
            JWTParser.parse(token);
        } catch (ParseException notAJwt) {
            // Refused as malformed even while the provider is down: it would never be valid.
            throw new BadJwtException("the bearer token is not a JWT", notAJwt);
        }
        JwtDecoder decoder = delegate();
        try {
            return decoder.decode(token);
        } catch (JwtException e) {
            return rethrow(e);
        } catch (RuntimeException e) {
            // Discovery inside Spring's builder throws plain runtime exceptions when the provider cannot be reached.
            throw unavailable(e);
        }
    }

    private Jwt rethrow(JwtException e) {
        if (!(e instanceof BadJwtException)) {
            LOG.warn("The identity provider's keys could not be fetched; tokens are answered 503 until they are");
        }
        throw e;
    }

    private synchronized JwtDecoder delegate() {
        if (delegate != null) {
            return delegate;
        }
        Instant now = clock.instant();
        if (now.isBefore(nextAttempt)) {
            throw new JwtException("the identity provider is unavailable");
        }
        try {
            delegate = factory.get();
            backOff = FIRST_BACK_OFF;
            return delegate;
        } catch (RuntimeException e) {
            nextAttempt = now.plus(backOff);
            backOff = backOff.multipliedBy(2).compareTo(LONGEST_BACK_OFF) > 0 ? LONGEST_BACK_OFF
                    : backOff.multipliedBy(2);
            throw unavailable(e);
        }
    }

    private static JwtException unavailable(RuntimeException cause) {
        LOG.warn("The identity provider cannot be reached ({}); tokens are answered 503 until it can",
                cause.getClass().getSimpleName());
        return new JwtException("the identity provider is unavailable", cause);
    }

    /** Bounded timeouts (the JDK's default is to wait forever) and a quick retry of a dropped connection. */
    static RestOperations restOperations(Duration timeout) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(timeout);
        requests.setReadTimeout(timeout);
        RestTemplate rest = new RestTemplate(requests);
        ClientHttpRequestInterceptor retry = (request, body, execution) -> {
            IOException last = null;
            for (int attempt = 1; attempt <= ATTEMPTS_PER_FETCH; attempt++) {
                try {
                    return execution.execute(request, body);
                } catch (IOException e) {
                    last = e;
                    pause(attempt);
                }
            }
            throw last;
        };
        rest.setInterceptors(List.of(retry));
        return rest;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
