package org.mincard.application.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 401, 403, 429 (a demo login locked after wrong passwords) and 503 (the identity provider unreachable) as
 * problem+json, like every other answer of the API. The body never says why a credential failed (unknown user,
 * wrong password, expired or forged token): that would help guessing and may echo token contents.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final URI UNAUTHENTICATED = URI.create("urn:mincard:problem:unauthenticated");
    static final URI FORBIDDEN = URI.create("urn:mincard:problem:forbidden");
    static final URI LOGIN_THROTTLED = URI.create("urn:mincard:problem:login-throttled");
    static final URI AUTHENTICATION_UNAVAILABLE = URI.create("urn:mincard:problem:authentication-unavailable");

    private final ObjectMapper json = new ObjectMapper();
    private final String challenge;
    private final RefusalMetrics refusals;

    /**
     * @param challenge the {@code WWW-Authenticate} value that tells a client how to authenticate
     * @param refusals  counts every refusal answered here
     */
    SecurityProblems(String challenge, RefusalMetrics refusals) {
        this.challenge = challenge;
        this.refusals = refusals;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        if (failure instanceof LoginThrottled throttled) {
            refusals.refused(request, HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfter().toSeconds()));
            write(response, HttpStatus.TOO_MANY_REQUESTS, LOGIN_THROTTLED, "Too many failed logins",
                    "Too many wrong passwords for this user; try again later.");
            return;
        }
        if (failure instanceof AuthenticationServiceException) {
            // The identity provider (its keys) could not be reached: not the caller's fault, and worth a retry.
            refusals.refused(request, HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            write(response, HttpStatus.SERVICE_UNAVAILABLE, AUTHENTICATION_UNAVAILABLE,
                    "Authentication unavailable", "Credentials cannot be checked right now; try again shortly.");
            return;
        }
        refusals.refused(request, HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        write(response, HttpStatus.UNAUTHORIZED, UNAUTHENTICATED, "Authentication required",
                "This request needs valid credentials.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException denied) throws IOException {
        refusals.refused(request, HttpStatus.FORBIDDEN.value());
        write(response, HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden",
                "Your role may not make this request.");
    }

    private void write(HttpServletResponse response, HttpStatus status, URI type, String title, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.toString());
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
