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
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Refuses with 400 any {@code /api/} request whose decoded path or query parameters carry a control character (NUL
 * and the other C0/C1 controls; tab, line feed and carriage return included, since no parameter is free text).
 * PostgreSQL refuses NUL in text, and such characters would otherwise reach logs, CSV exports and lookups. The
 * answer names the parameter (or "path"), never the value. JSON bodies are checked by {@link StrictInputConfig}.
 * Runs after {@link JsonOnlyRequestFilter}, so reading the parameters never parses a form body.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 11)
class ControlCharacterFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String decodedPath = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (hasControl(decodedPath)) {
            refuse(response, "path");
            return;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            boolean bad = hasControl(parameter.getKey());
            for (String value : parameter.getValue()) {
                bad |= value != null && hasControl(value);
            }
            if (bad) {
                String name = parameter.getKey();
                refuse(response, hasControl(name) || !name.matches("[A-Za-z0-9_.-]{1,64}") ? "query" : name);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(HttpServletResponse response, String field) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // The field is a parameter name matching [A-Za-z0-9_.-]{1,64}, or a fixed word: nothing else is echoed.
        response.getWriter().write("{\"type\":\"" + ApiProblems.VALIDATION + "\",\"title\":\"Invalid parameter\","
                + "\"status\":400,\"detail\":\"The parameter '" + field + "' must not contain control characters.\","
                + "\"errors\":[{\"field\":\"" + field + "\",\"message\":\"must not contain control characters\"}]}");
    }
}
