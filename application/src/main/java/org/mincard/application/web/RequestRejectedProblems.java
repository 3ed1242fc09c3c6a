package org.mincard.application.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Answers requests that Spring Security's firewall refuses (non-normalized or encoded paths such as {@code //x},
 * {@code /./}, {@code %2e%2e}, {@code ;jsessionid}, control characters, unknown HTTP methods) with a problem that
 * names the rule and never the path: the firewall's own message quotes the offending part of the URL, which may
 * carry a card number. Picked up by Spring Security's {@code WebSecurity} as the context's
 * {@link RequestRejectedHandler}.
 */
@Component
class RequestRejectedProblems implements RequestRejectedHandler {

    static final String REJECTED_URL = "urn:mincard:problem:rejected-url";
    static final String METHOD_NOT_ALLOWED = "urn:mincard:problem:method-not-allowed";
    private static final Logger LOG = LoggerFactory.getLogger(RequestRejectedProblems.class);

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        String message = rejected.getMessage() == null ? "" : rejected.getMessage().toLowerCase(Locale.ROOT);
        boolean method = message.contains("http method");
        // Neither the path nor the firewall's message (it quotes the path) is logged.
        LOG.debug("Request refused by the firewall ({})", method ? "method" : "url");
        int status = method ? HttpServletResponse.SC_METHOD_NOT_ALLOWED : HttpServletResponse.SC_BAD_REQUEST;
        String body = method
                ? "{\"type\":\"" + METHOD_NOT_ALLOWED + "\",\"title\":\"Method not allowed\",\"status\":405,"
                + "\"detail\":\"The API answers GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS only.\"}"
                : "{\"type\":\"" + REJECTED_URL + "\",\"title\":\"Rejected URL\",\"status\":400,"
                + "\"detail\":\"The URL must be normalized: no empty, '.' or '..' segments, no encoded '/', '.', '%'"
                + " or control characters, no ';' path parameters.\"}";
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        if (method) {
            response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body);
    }
}
