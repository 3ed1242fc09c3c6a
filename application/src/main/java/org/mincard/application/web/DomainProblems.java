package org.mincard.application.web;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.mincard.domain.shared.DomainRejection;
import org.mincard.domain.shared.NotVisible;
import org.mincard.domain.shared.PermissionDenied;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Answers the domain's refusals: a transition or rule that does not allow the command is a 409 carrying the current
 * state; a case the actor may not see, or that does not exist, is the same 404; two commands racing on one case
 * leave the loser a 409 to retry.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DomainProblems {

    @ExceptionHandler(PermissionDenied.class)
    ResponseEntity<Object> permissionDenied(PermissionDenied ex) {
        return ApiProblems.problem(HttpStatus.FORBIDDEN, URI.create("urn:mincard:problem:" + ex.code()),
                "Not allowed", ex.getMessage(), Map.of());
    }

    @ExceptionHandler(DomainRejection.class)
    ResponseEntity<Object> rejected(DomainRejection ex) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("code", ex.code());
        if (ex.currentState() != null) {
            properties.put("currentState", ex.currentState());
        }
        return ApiProblems.problem(HttpStatus.CONFLICT, URI.create("urn:mincard:problem:" + ex.code()),
                "Not allowed in the current state", ex.getMessage(), properties);
    }

    /**
     * Another site's case or card, and one that does not exist, get one answer, word for word: the caller knows what
     * it asked for, and any difference (a resource name in one text and not in the other) would tell that it exists.
     */
    private static final String NOT_FOUND_DETAIL = "It does not exist or is not visible to you.";

    @ExceptionHandler(NotVisible.class)
    ResponseEntity<Object> notVisible(NotVisible ex) {
        return ApiProblems.problem(HttpStatus.NOT_FOUND, ApiProblems.NOT_FOUND, "Not found", NOT_FOUND_DETAIL,
                Map.of());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> notFound(AggregateNotFoundException ex) {
        return ApiProblems.problem(HttpStatus.NOT_FOUND, ApiProblems.NOT_FOUND, "Not found", NOT_FOUND_DETAIL,
                Map.of());
    }

    /**
     * One case id was created twice and the event store's unique key refused the second. Nothing was stored for it;
     * the caller may reload and try again. (A {@link ConcurrencyException}, two commands racing on an existing case,
     * is answered below.)
     */
    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<Object> created(AggregateStreamCreationException ex) {
        return ApiProblems.problem(HttpStatus.CONFLICT, ApiProblems.CONFLICT, "Conflict",
                "The case was changed by another request at the same time. Reload it and try again.", Map.of());
    }

    /**
     * The request's If-Match named a version of the aggregate that is no longer its latest (Axon's version check on
     * load, ADR 0018). Nothing was stored; read it again (new ETag) and decide.
     */
    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<Object> preconditionFailed(ConflictingAggregateVersionException ex) {
        return ApiProblems.problem(HttpStatus.PRECONDITION_FAILED, URI.create("urn:mincard:problem:precondition-failed"),
                "Precondition failed", "The record changed since the version named in If-Match; read it again and "
                        + "decide again. Nothing was stored.", Map.of("code", "version-moved-on"));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrent(ConcurrencyException ex) {
        return ApiProblems.problem(HttpStatus.CONFLICT, ApiProblems.CONFLICT, "Concurrent change",
                "Another change to the same record was committed at the same moment; read it again and retry.",
                Map.of("code", "concurrent-change"));
    }
}
