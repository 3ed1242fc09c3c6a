package org.mincard.application.vault.forbidden;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.mincard.application.web.BufferedBodyRequest;
import org.mincard.application.web.RequestBodyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Refuses, with 422, any {@code /api/} request whose JSON body carries a field the ordinance forbids collecting
 * (immigration status, SSN/ITIN, document numbers or images, home address ...), wherever it is nested. It runs after
 * authentication and before the body is bound to a request type, so the answer names the forbidden field even where
 * an unknown field would otherwise answer 400. The value is never read into an object, stored or logged: the problem
 * names the field's path and the rule only.
 */
@Component
class ForbiddenFieldsFilter extends OncePerRequestFilter {

    static final String FORBIDDEN_DATA = "urn:mincard:problem:forbidden-personal-data";
    static final String BODY_TOO_LARGE = "urn:mincard:problem:body-too-large";
    private static final Logger LOG = LoggerFactory.getLogger(ForbiddenFieldsFilter.class);

    private final ForbiddenFields forbidden;
    private final int maxBodyBytes;
    private final ObjectMapper json = new ObjectMapper();

    ForbiddenFieldsFilter(ForbiddenFieldsProperties properties, RequestBodyProperties bodyLimit) {
        this.forbidden = new ForbiddenFields(properties.forbiddenFields());
        // One body limit for the whole API: the size filter runs first; this only guards its own read.
        this.maxBodyBytes = Math.toIntExact(bodyLimit.maxSize().toBytes());
        if (forbidden.size() == 0) {
            LOG.warn("No forbidden fields are configured (mincard.privacy.forbidden-fields): requests carrying"
                    + " immigration status, SSN/ITIN, document numbers or home addresses will not be refused");
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // Every body is scanned, whatever its declared type or charset: the JSON-only filter refuses other types
        // first, and this check must not depend on that (docs/security.md, "Hostile input").
        return !path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The body-size filter may already hold the body in memory; read it from there rather than twice.
        byte[] body = request instanceof BufferedBodyRequest buffered
                ? buffered.body() : readAtMost(request.getInputStream(), maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            write(response, HttpStatus.PAYLOAD_TOO_LARGE, problem(BODY_TOO_LARGE, HttpStatus.PAYLOAD_TOO_LARGE,
                    "Request body too large", "The request body is larger than " + maxBodyBytes + " bytes.",
                    List.of()));
            return;
        }
        List<ForbiddenFields.Finding> findings = forbidden.scan(body);
        if (!findings.isEmpty()) {
            Arrays.fill(body, (byte) 0);
            // Only the configured rule names are logged: the key path is chosen by the client (it could carry
            // personal data or a forged log line), and an endpoint's path can carry a card number.
            LOG.info("Refused a request carrying {} forbidden field(s) under rule(s) {}", findings.size(),
                    findings.stream().map(ForbiddenFields.Finding::rule).distinct().sorted().toList());
            List<Map<String, String>> errors = findings.stream()
                    .map(f -> Map.of("field", f.field(), "message", "must not be sent (rule " + f.rule() + ")"))
                    .toList();
            String fields = findings.stream().map(f -> "'" + f.field() + "' (rule " + f.rule() + ")")
                    .collect(Collectors.joining(", "));
            write(response, HttpStatus.UNPROCESSABLE_ENTITY, problem(FORBIDDEN_DATA, HttpStatus.UNPROCESSABLE_ENTITY,
                    "Forbidden personal data", "This service never collects such data; remove " + fields
                            + ". See docs/privacy.md.", errors));
            return;
        }
        chain.doFilter(request instanceof BufferedBodyRequest ? request : new BufferedBodyRequest(request, body),
                response);
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }

    private static Map<String, Object> problem(String type, HttpStatus status, String title, String detail,
                                               List<Map<String, String>> errors) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        if (!errors.isEmpty()) {
            problem.put("errors", errors);
        }
        return problem;
    }

    private void write(HttpServletResponse response, HttpStatus status, Map<String, Object> problem)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
