package org.mincard.application.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * Authenticates Prometheus's own credential ({@code mincard.security.metrics-scraper}) on {@code GET
 * /actuator/prometheus} only, as the role {@value #ROLE}, which no other rule allows. Anywhere else the scraper's
 * Basic credentials are not looked at here, so they reach the normal mechanism, which knows no such user (401). In
 * demo mode a name equal to a demo user's still means the scraper on this one path.
 */
final class MetricsScraperFilter extends OncePerRequestFilter {

    static final String ROLE = "METRICS";
    static final String PATH = "/actuator/prometheus";

    private final RequestMatcher metrics = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, PATH);
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final String username;
    private final byte[] passwordDigest;

    MetricsScraperFilter(String username, String password) {
        this.username = username;
        this.passwordDigest = sha256(password);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (metrics.matches(request) && isScraper(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }

    private boolean isScraper(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = credentials.indexOf(':');
        return colon > 0 && credentials.substring(0, colon).equals(username)
                && MessageDigest.isEqual(sha256(credentials.substring(colon + 1)), passwordDigest);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
