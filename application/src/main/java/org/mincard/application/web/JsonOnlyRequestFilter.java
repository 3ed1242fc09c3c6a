package org.mincard.application.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The JSON API reads JSON and nothing else. An {@code /api/} request that carries a body, and every POST (with or
 * without a body), must declare {@code Content-Type: application/json} with no charset or UTF-8; anything else
 * (YAML, XML, forms, {@code text/plain}, {@code *}{@code /*}, {@code application/*}, {@code +json} suffixes, UTF-16
 * ...) is refused with 415 before any reader, converter or filter that looks at the body sees it.
 *
 * <p>This is also the API's CSRF defence: a cross-site page can only send a POST without a CORS preflight as a
 * form ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}, {@code text/plain}) or without a
 * Content-Type, so none of its POSTs, body-less ones included, reaches a controller with the browser's cached
 * Basic credentials. Runs after authentication, so unauthenticated callers still get 401 first.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 10)
class JsonOnlyRequestFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean mustBeJson = "POST".equals(request.getMethod()) || hasBody(request);
        if (mustBeJson && !isPlainJson(request.getContentType())) {
            refuse(response);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** {@code application/json}, optionally with {@code charset=UTF-8}, and no other parameter. */
    static boolean isPlainJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (RuntimeException invalid) {
            return false;
        }
        if (!"application".equals(type.getType()) || !"json".equals(type.getSubtype())) {
            return false;
        }
        for (String parameter : type.getParameters().keySet()) {
            if (!"charset".equalsIgnoreCase(parameter)) {
                return false;
            }
        }
        try {
            Charset charset = type.getCharset();
            return charset == null || StandardCharsets.UTF_8.equals(charset);
        } catch (RuntimeException unknownCharset) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
        response.setHeader("Accept-Post", MediaType.APPLICATION_JSON_VALUE);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // Built by hand: nothing of the request (its Content-Type included) goes into it.
        response.getWriter().write("{\"type\":\"" + ApiProblems.UNSUPPORTED_MEDIA_TYPE + "\","
                + "\"title\":\"Unsupported media type\",\"status\":415,"
                + "\"detail\":\"Every POST, and every request with a body, must be sent as application/json"
                + " (UTF-8).\"}");
    }
}
