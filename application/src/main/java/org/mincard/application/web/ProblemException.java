package org.mincard.application.web;

import org.springframework.http.HttpStatusCode;

import java.net.URI;
import java.util.Map;

/**
 * A failure the API answers with a specific problem. Its message is the problem's detail and is shown to the
 * caller, so it must never contain personal data.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatusCode status;
    private final URI type;
    private final String title;
    private final Map<String, ?> properties;

    public ProblemException(HttpStatusCode status, URI type, String title, String detail, Map<String, ?> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(org.springframework.http.HttpStatus.NOT_FOUND, ApiProblems.NOT_FOUND,
                "Not found", what + " does not exist or is not visible to you.", Map.of());
    }

    public HttpStatusCode status() {
        return status;
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
