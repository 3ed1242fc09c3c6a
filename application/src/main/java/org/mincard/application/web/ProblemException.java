package org.mincard.application.web;

import org.springframework.http.HttpStatus;

import java.net.URI;
import java.util.Map;

/**
 * A request the service refuses. Features throw named subclasses ({@code AccessRefused}, {@code CardNotEligible},
 * ...) that say which {@link Kind} of refusal it is; only {@code web} turns a kind into an HTTP status
 * ({@link ApiProblems#status(Kind)}), so no feature speaks HTTP. The message is the problem's detail and is shown to
 * the caller, so it must never contain personal data.
 */
public class ProblemException extends RuntimeException {

    /** The kinds of refusal the API distinguishes. */
    public enum Kind {
        /** The request breaks a rule of its own shape or fields. */
        INVALID,
        /** The caller may not do this. */
        NOT_PERMITTED,
        /** It does not exist, or the caller may not know that it does. */
        NOT_FOUND,
        /** Not possible in the current state. */
        CONFLICT,
        /** Well-formed, but refers to something the service cannot act on. */
        UNPROCESSABLE,
        /** The caller asked too often; it may try again later. */
        RATE_LIMITED,
        /** The service cannot answer now (a read model behind, the database unavailable); try again later. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final URI type;
    private final String title;
    private final Map<String, ?> properties;

    public ProblemException(Kind kind, URI type, String title, String detail, Map<String, ?> properties) {
        super(detail, null, false, false);
        this.kind = kind;
        this.type = type;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    public static ProblemException notFound(String what) {
        return new NotFound(what);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status this refusal is answered with. */
    public HttpStatus status() {
        return ApiProblems.status(kind);
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, ?> properties() {
        return properties;
    }
}
