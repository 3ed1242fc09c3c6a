package org.mincard.application.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses request bodies above {@code mincard.web.request-body.max-size} with a 413 problem, before security or
 * JSON parsing spend any work on them. Tomcat limits only form posts, so JSON needs this. A declared length is
 * checked without reading; a body of unknown length (chunked) is read up to the limit and replayed from memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    RequestBodyLimitFilter(RequestBodyProperties properties) {
        this.maxBytes = properties.maxSize().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(response);
            return;
        }
        if (declared >= 0 || !hasBody(request)) {
            // Tomcat stops reading at the declared length, so a declared length within the limit is the limit.
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(Math.toIntExact(maxBytes + 1));
        if (body.length > maxBytes) {
            refuse(response);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getHeader("Transfer-Encoding") != null;
    }

    private void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // Built by hand: nothing of the request goes into it, and it must work before Spring MVC is reached.
        response.getWriter().write("{\"type\":\"" + ApiProblems.PAYLOAD_TOO_LARGE + "\","
                + "\"title\":\"Payload too large\",\"status\":413,"
                + "\"detail\":\"The request body exceeds the limit of " + maxBytes + " bytes.\"}");
    }
}
