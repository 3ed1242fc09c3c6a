package org.mincard.application.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every failure of the REST API into {@code application/problem+json}. Answers name the field and the rule
 * that failed, never the rejected value: a value sent to us may be personal data, and it must not be echoed, logged
 * or kept. Unexpected errors answer 500 with no detail; their stack trace goes to the log only.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);
    public static final URI VALIDATION = URI.create("urn:mincard:problem:validation");
    public static final URI MALFORMED = URI.create("urn:mincard:problem:malformed-request");
    public static final URI NOT_FOUND = URI.create("urn:mincard:problem:not-found");
    public static final URI CONFLICT = URI.create("urn:mincard:problem:conflict");
    public static final URI INTERNAL = URI.create("urn:mincard:problem:internal");
    public static final URI PAYLOAD_TOO_LARGE = URI.create("urn:mincard:problem:payload-too-large");
    public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create("urn:mincard:problem:unsupported-media-type");

    /** One failed field: its JSON path and the rule it broke. */
    public record FieldProblem(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), message(error)))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, VALIDATION, "Invalid request",
                "The request has " + errors.size() + " invalid field(s).", Map.of("errors", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(result.getMethodParameter().getParameterName(),
                                String.valueOf(error.getDefaultMessage()))))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, VALIDATION, "Invalid request",
                "The request has " + errors.size() + " invalid parameter(s).", Map.of("errors", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        if (isSyntaxError(cause)) {
            // Jackson may wrap a syntax error met inside a value with that field's path; it is still not JSON.
            return problem(HttpStatus.BAD_REQUEST, MALFORMED, "Malformed request",
                    "The request body is not well-formed JSON.", Map.of());
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return problem(HttpStatus.BAD_REQUEST, VALIDATION, "Unknown field",
                    "The field '" + field + "' is not part of this request.",
                    Map.of("errors", List.of(new FieldProblem(field, "unknown field"))));
        }
        if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
            String field = path((JsonMappingException) cause);
            String expected = cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                    ? describe(mismatch.getTargetType()) : "a value of another type";
            return problem(HttpStatus.BAD_REQUEST, VALIDATION, "Invalid field",
                    "The field '" + field + "' must be " + expected + ".",
                    Map.of("errors", List.of(new FieldProblem(field, "must be " + expected))));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            return problem(HttpStatus.BAD_REQUEST, VALIDATION, "Invalid field",
                    "The field '" + field + "' could not be read.",
                    Map.of("errors", List.of(new FieldProblem(field, "could not be read"))));
        }
        String detail = cause instanceof JsonProcessingException
                ? "The request body is not well-formed JSON."
                : "The request body is missing or cannot be read.";
        return problem(HttpStatus.BAD_REQUEST, MALFORMED, "Malformed request", detail, Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Spring's own detail repeats the caller's header; ours names only what is accepted.
        String accepted = ex.getSupportedMediaTypes().stream()
                .map(MediaType::toString).collect(Collectors.joining(", "));
        ResponseEntity<Object> answer = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type",
                accepted.isEmpty() ? "This request takes no body." : "The request body must be " + accepted + ".",
                Map.of());
        return ResponseEntity.status(answer.getStatusCode()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(answer.getBody());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
        String expected = ex.getRequiredType() == null ? "a valid value" : describe(ex.getRequiredType());
        return problem(HttpStatus.BAD_REQUEST, VALIDATION, "Invalid parameter",
                "The parameter '" + ex.getName() + "' must be " + expected + ".",
                Map.of("errors", List.of(new FieldProblem(ex.getName(), "must be " + expected))));
    }

    /**
     * A constraint on a parameter of a {@code @Validated} controller, checked by Spring's method-validation proxy.
     * The answer names the parameter (the last node of the property path) and the rule, never the value.
     */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolated(ConstraintViolationException ex) {
        List<FieldProblem> errors = ex.getConstraintViolations().stream()
                .map(violation -> {
                    String field = "value";
                    for (Path.Node node : violation.getPropertyPath()) {
                        if (node.getName() != null) {
                            field = node.getName();
                        }
                    }
                    return new FieldProblem(field, violation.getMessage());
                })
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, VALIDATION, "Invalid request",
                "The request has " + errors.size() + " invalid parameter(s).", Map.of("errors", errors));
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> problem(ProblemException ex) {
        return problem(status(ex.kind()), ex.type(), ex.title(), ex.getMessage(), ex.properties());
    }

    /** The one place a feature's kind of refusal becomes an HTTP status. */
    public static HttpStatus status(ProblemException.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_PERMITTED -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        return Outages.isOutage(ex) ? unavailable(ex) : internalError(ex);
    }

    /** The problem type of a 503 for a database outage, saturation or server-side time limit. */
    public static final URI UNAVAILABLE = URI.create("urn:mincard:problem:unavailable");

    /** Seconds a client is asked to wait before retrying after a database outage answer. */
    private static final long OUTAGE_RETRY_AFTER_SECONDS = 2;

    /**
     * 503 with {@code Retry-After} for a database that is unavailable, saturated or past its time limit
     * ({@link Outages}). Logged like a 500 (one line, an error id, exception classes only). For a state-changing
     * request the outcome is unknown: the command may have committed before the failure, so the answer says to retry
     * with the same {@code Idempotency-Key} and never that nothing happened.
     */
    public static ResponseEntity<Object> unavailable(@Nullable Throwable ex) {
        String errorId = UUID.randomUUID().toString();
        LOG.warn("Database unavailable or past its time limit while handling a request, error id {}: {}", errorId,
                causeChain(ex));
        return problem(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, "Service unavailable",
                (changesState() ? OUTCOME_UNKNOWN + " " : "")
                        + "The database is unavailable or busy; try again shortly. Error id " + errorId + ".",
                Map.of("errorId", errorId, "code", changesState() ? "outcome-unknown" : "unavailable",
                        RETRY_AFTER_SECONDS, OUTAGE_RETRY_AFTER_SECONDS));
    }

    /** What a 5xx answer to a state-changing request says: never that the command did not happen. */
    public static final String OUTCOME_UNKNOWN = "The outcome of this request is unknown: it may have been carried "
            + "out before the failure. Retry it with the same Idempotency-Key to learn the outcome without doing it "
            + "twice.";

    /** Whether the request being answered may change state (anything but GET, HEAD, OPTIONS, TRACE). */
    static boolean changesState() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            String method = servlet.getRequest().getMethod();
            return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
                    || "TRACE".equals(method));
        }
        return false;
    }

    /**
     * 500 with a fresh error id, logged as one line carrying the same id and the exception classes of the cause
     * chain, never their messages or a stack trace: a driver's message can quote the values of the statement
     * (personal data), and one hostile client must not fill the log with 200 lines per request. Set the logger
     * {@code org.mincard.application.web.ApiProblems} to DEBUG to get the stack traces while debugging.
     */
    public static ResponseEntity<Object> internalError(@Nullable Throwable ex) {
        String errorId = UUID.randomUUID().toString();
        LOG.error("Unexpected failure while handling a request, error id {}: {}", errorId, causeChain(ex));
        if (ex != null && LOG.isDebugEnabled()) {
            LOG.debug("Stack trace of error id " + errorId, ex);
        }
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL, "Internal error",
                (changesState() ? OUTCOME_UNKNOWN + " The failure" : "The request could not be completed. It")
                        + " has been logged for the operators under error id " + errorId + ".",
                Map.of("errorId", errorId));
    }

    static String causeChain(@Nullable Throwable ex) {
        StringBuilder chain = new StringBuilder();
        int depth = 0;
        for (Throwable t = ex; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (!chain.isEmpty()) {
                chain.append(" <- ");
            }
            chain.append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            if (frames.length > 0) {
                chain.append(" at ").append(frames[0].getClassName()).append('.').append(frames[0].getMethodName())
                        .append(':').append(frames[0].getLineNumber());
            }
        }
        return chain.isEmpty() ? "no exception" : chain.toString();
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        // Spring's own answers (405, 406, 415, ...) keep their status but lose any framework detail.
        if (body instanceof ProblemDetail detail && detail.getType().equals(URI.create("about:blank"))) {
            detail.setInstance(null);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** The problem property, in whole seconds, that also sets the {@code Retry-After} header. */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    public static ResponseEntity<Object> problem(HttpStatusCode status, URI type, String title, String detail,
            Map<String, ?> properties) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(type);
        body.setTitle(title);
        properties.forEach(body::setProperty);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        // A problem that says when to try again (429, 503) says it in the standard header too, for clients and proxies.
        if (properties.get(RETRY_AFTER_SECONDS) instanceof Number seconds) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds.longValue())));
        }
        return answer.body(body);
    }

    private static boolean isSyntaxError(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamReadException) {
                return true;
            }
        }
        return false;
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static String path(JsonMappingException ex) {
        return ex.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "a UUID";
            case "LocalDate" -> "an ISO date (YYYY-MM-DD) in the years 1 to 9999";
            case "Instant", "OffsetDateTime" -> "an ISO date-time in the years 1 to 9999";
            case "PlainText" -> "text without control characters";
            case "String" -> "a string";
            case "int", "Integer", "long", "Long" -> "an integer";
            case "boolean", "Boolean" -> "true or false";
            default -> List.class.isAssignableFrom(type) || type.isArray() ? "a list" : "an object of the documented shape";
        };
    }
}
