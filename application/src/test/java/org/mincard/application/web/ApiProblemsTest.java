package org.mincard.application.web;

import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiProblemsTest {

    private final ApiProblems problems = new ApiProblems();
    private final DomainProblems domainProblems = new DomainProblems();

    @Test
    void answersConflict_whenAnotherCommandWonTheRace() {
        ResponseEntity<Object> answer = domainProblems.concurrent(
                new ConcurrencyException("aggregate 1 sequence 3 already exists"));

        assertConflictWithoutInternals(answer);
    }

    @Test
    void answersConflict_whenTheCaseIdWasAlreadyTaken() {
        ResponseEntity<Object> answer = domainProblems.created(
                new AggregateStreamCreationException("aggregate 1 already exists"));

        assertConflictWithoutInternals(answer);
    }

    /**
     * Axon names any append it classes as a duplicate "Cannot reuse aggregate identifier"; when the cause chain holds
     * a time limit (57014) or a lost connection (08006), the new case may well be stored: 503 outcome unknown, with
     * Retry-After and the same-key advice, never 409 "changed by another request" (ADR 0019).
     */
    @Test
    void answersOutcomeUnknown_notAConflict_whenTheFirstEventOfANewCaseHitATimeLimitOrLostItsConnection() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(
                new MockHttpServletRequest("POST", "/api/v1/cases")));
        try {
            for (String state : new String[] {"57014", "55P03", "08006"}) {
                ResponseEntity<Object> created = domainProblems.created(new AggregateStreamCreationException(
                        "Cannot reuse aggregate identifier [1] to create aggregate [CaseFile]",
                        new SQLException("canceling statement", state)));
                ResponseEntity<Object> appended = domainProblems.concurrent(new ConcurrencyException(
                        "aggregate 1 sequence 3 already exists", new SQLException("connection lost", state)));

                for (ResponseEntity<Object> answer : List.of(created, appended)) {
                    assertThat(answer.getStatusCode()).as(state).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).as(state).isNotBlank();
                    ProblemDetail body = (ProblemDetail) answer.getBody();
                    assertThat(body.getType()).isEqualTo(ApiProblems.UNAVAILABLE);
                    assertThat(body.getProperties()).containsEntry("code", "outcome-unknown");
                    assertThat(body.getDetail()).contains("same Idempotency-Key").doesNotContain("reuse")
                            .doesNotContain("changed by another request");
                }
            }
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }

    @Test
    void saysWhenToRetryInTheHeader_whenAProblemIsRateLimited() {
        ResponseEntity<Object> answer = problems.problem(new ProblemException(ProblemException.Kind.RATE_LIMITED,
                URI.create("urn:mincard:problem:test-rate-limited"), "Too many", "Try later.",
                Map.of(ApiProblems.RETRY_AFTER_SECONDS, 42L)));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("42");
    }

    @Test
    void answersInternalErrorWithoutDetail_whenFailureIsUnexpected() {
        ResponseEntity<Object> answer = problems.unexpected(new IllegalStateException("row for Jane Doe"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(((ProblemDetail) answer.getBody()).getDetail()).doesNotContain("Jane");
    }

    private static void assertConflictWithoutInternals(ResponseEntity<Object> answer) {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        ProblemDetail body = (ProblemDetail) answer.getBody();
        assertThat(body.getType()).isEqualTo(ApiProblems.CONFLICT);
        assertThat(body.getDetail()).doesNotContain("aggregate").doesNotContain("sequence");
    }
}
