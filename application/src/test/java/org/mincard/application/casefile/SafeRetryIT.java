package org.mincard.application.casefile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mincard.application.retries.RetryProbe;
import org.mincard.application.retries.SafeRetryAdminIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mincard.application.casefile.CaseApi.SITE_A;

/**
 * Safe retries over HTTP on the real PostgreSQL (ADR 0018): a state-changing request replayed with its
 * Idempotency-Key gets the first answer and stores its events once; the same key with another body or endpoint is
 * 422; a stale If-Match is 412; the same key sent at once twice leaves one winner. Every state-changing mapping of
 * the service must be replayed here ({@link #DRIVEN}) or in {@link SafeRetryAdminIT} (holds, data requests,
 * administration, audit), so a new endpoint fails this test until someone drives it. Every replay also sends the same
 * key with another body (422) and checks that neither stored anything ({@link RetryProbe}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SafeRetryIT {

    /** Endpoints replayed below (method and pattern as Spring maps them). */
    static final Set<String> DRIVEN = Set.of(
            "POST /api/v1/cases",
            "POST /api/v1/cases/{caseId}/check-in",
            "POST /api/v1/cases/{caseId}/review",
            "POST /api/v1/cases/{caseId}/escalate",
            "POST /api/v1/cases/{caseId}/return-from-escalation",
            "POST /api/v1/cases/{caseId}/approve",
            "POST /api/v1/cases/{caseId}/deny",
            "POST /api/v1/cases/{caseId}/appeal",
            "POST /api/v1/cases/{caseId}/decide-appeal",
            "POST /api/v1/cases/{caseId}/produce-card",
            "POST /api/v1/cases/{caseId}/mail",
            "POST /api/v1/cases/{caseId}/confirm-delivery",
            "POST /api/v1/cases/{caseId}/mark-returned",
            "POST /api/v1/cases/{caseId}/hand-over",
            "POST /api/v1/cases/{caseId}/withdraw",
            "POST /api/v1/cases/{caseId}/mark-no-show",
            "POST /api/v1/cases/{caseId}/abandon",
            "POST /api/v1/cases/{caseId}/cancel",
            "POST /api/v1/cases/{caseId}/claim",
            "POST /api/v1/cases/{caseId}/release",
            "POST /api/v1/cases/{caseId}/assign",
            "POST /api/v1/cases/{caseId}/priority",
            "POST /api/v1/queues/reassignments",
            "POST /api/v1/cards/{cardNumber}/revoke",
            "POST /api/v1/cards/{cardNumber}/reinstate",
            "POST /api/v1/cards/{cardNumber}/report-lost",
            "POST /api/v1/retention/sweeps");

    private static final Set<RequestMethod> STATE_CHANGING = Set.of(RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.PATCH, RequestMethod.DELETE);

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    CaseApi clerk;
    CaseApi supervisor;

    @BeforeEach
    void setUp() {
        clerk = new CaseApi(rest, "clerk-a");
        supervisor = new CaseApi(rest, "supervisor");
    }

    @Test
    void coversEveryStateChangingMapping_underTheGuardedPath() {
        Set<String> found = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("${") || pattern.equals("/error")) {
                    continue; // the servlet error page, not an API operation
                }
                if (pattern.startsWith("/console/")) {
                    continue; // the console's own form posts (session + CSRF): not the API contract, see ADR 0018
                }
                for (RequestMethod requestMethod : methods.isEmpty() ? STATE_CHANGING : methods) {
                    if (STATE_CHANGING.contains(requestMethod)) {
                        found.add(requestMethod + " " + pattern);
                    }
                }
            }
        });
        Set<String> listed = new LinkedHashSet<>(DRIVEN);
        listed.addAll(SafeRetryAdminIT.DRIVEN);

        assertThat(found).as("state-changing endpoints no safe-retry IT replays")
                .isSubsetOf(listed);
        assertThat(found).as("every state-changing endpoint lies under /api/, where SafeRetryFilter guards it")
                .allMatch(endpoint -> endpoint.split(" ")[1].startsWith("/api/"));
        assertThat(listed).as("listed endpoints that no longer exist").isSubsetOf(found);
    }

    @Test
    void replaysTheFirstAnswer_andStoresEventsOnce_whenEveryDrivenEndpointIsRetriedWithItsKey() {
        RetryProbe probe = new RetryProbe(rest);
        Map<String, Object> application = CaseApi.newApplication(SITE_A, "Retry Example", LocalDate.of(1990, 5, 6));
        ResponseEntity<Map<String, Object>> submitted = probe.twice("POST /api/v1/cases", "clerk-a", "/api/v1/cases",
                application, this::eventsTotal);
        assertThat(submitted.getStatusCode().value()).isEqualTo(201);
        UUID caseId = UUID.fromString((String) submitted.getBody().get("caseId"));
        assertThat(events(caseId)).isEqualTo(1);
        clerk.awaitState(caseId, "SUBMITTED");

        step(probe, "check-in", "clerk-a", caseId, null);
        step(probe, "claim", "clerk-a", caseId, null);
        step(probe, "priority", "supervisor", caseId, Map.of("priority", "URGENT"));
        step(probe, "release", "clerk-a", caseId, null);
        step(probe, "review", "clerk-a", caseId, CaseApi.review("CONSULAR_ID", "SHELTER_LETTER"));
        step(probe, "escalate", "clerk-a", caseId, Map.of("reason", "DOCUMENT_AUTHENTICITY_DOUBT"));
        step(probe, "return-from-escalation", "supervisor", caseId, null);
        step(probe, "approve", "supervisor", caseId, null);
        clerk.awaitState(caseId, "APPROVED");
        step(probe, "produce-card", "clerk-a", caseId, null);
        step(probe, "mail", "clerk-a", caseId, Map.of());
        step(probe, "mark-returned", "clerk-a", caseId, null);
        step(probe, "hand-over", "clerk-a", caseId, null);
        clerk.awaitState(caseId, "HANDED_OVER");

        String number = clerk.cardNumberOf(caseId);
        UUID cardholderId = UUID.fromString((String) submitted.getBody().get("cardholderId"));
        LongSupplier cardholderEvents = () -> events(cardholderId);
        probe.twice("POST /api/v1/cards/{cardNumber}/revoke", "supervisor", "/api/v1/cards/" + number + "/revoke",
                Map.of("reason", "FRAUD"), cardholderEvents);
        probe.twice("POST /api/v1/cards/{cardNumber}/reinstate", "supervisor",
                "/api/v1/cards/" + number + "/reinstate", Map.of(), cardholderEvents);
        probe.twice("POST /api/v1/cards/{cardNumber}/report-lost", "clerk-a",
                "/api/v1/cards/" + number + "/report-lost", Map.of("reason", "STOLEN"), cardholderEvents);
        ResponseEntity<Map<String, Object>> sweep = probe.twice("POST /api/v1/retention/sweeps", "records-officer",
                "/api/v1/retention/sweeps", Map.of(), this::sweeps);
        assertThat(sweep.getStatusCode().value()).isEqualTo(202);

        deniedAndAppealed(probe);
        closedEarly(probe);
        deliveredAndAbandoned(probe);
        assignedAndReassigned(probe);

        assertThat(probe.replayed()).containsExactlyInAnyOrderElementsOf(DRIVEN);
    }

    private void deniedAndAppealed(RetryProbe probe) {
        UUID caseId = submitted("Denial Example");
        clerk.act(caseId, "check-in");
        clerk.act(caseId, "review", CaseApi.review("UTILITY_BILL"));
        step(probe, "deny", "clerk-a", caseId, Map.of("reason", "INSUFFICIENT_DOCUMENTS"));
        step(probe, "appeal", "clerk-a", caseId, null);
        step(probe, "decide-appeal", "supervisor", caseId, Map.of("granted", false));
    }

    private void closedEarly(RetryProbe probe) {
        step(probe, "withdraw", "clerk-a", submitted("Withdrawal Example"), null);
        step(probe, "mark-no-show", "clerk-a", submitted("No-show Example"), null);
        step(probe, "cancel", "clerk-a", submitted("Cancel Example"), Map.of("reason", "DUPLICATE_CASE"));
    }

    private void deliveredAndAbandoned(RetryProbe probe) {
        UUID delivered = produced("Delivery Example");
        clerk.act(delivered, "mail", Map.of());
        step(probe, "confirm-delivery", "clerk-a", delivered, null);
        step(probe, "abandon", "clerk-a", produced("Abandon Example"), null);
    }

    /** A bulk reassignment reads the work queue to choose its cases: it is given the assignment's token to wait. */
    private void assignedAndReassigned(RetryProbe probe) {
        UUID caseId = submitted("Assignment Example");
        String absentClerk = "clerk-" + UUID.randomUUID();
        ResponseEntity<Map<String, Object>> assigned = step(probe, "assign", "supervisor", caseId,
                Map.of("clerkId", absentClerk));
        HttpHeaders token = new HttpHeaders();
        token.set("Consistency-Token", assigned.getHeaders().getFirst("Consistency-Token"));

        ResponseEntity<Map<String, Object>> moved = probe.twice("POST /api/v1/queues/reassignments", "supervisor",
                "/api/v1/queues/reassignments", Map.of("fromClerkId", absentClerk,
                        "toClerkIds", List.of("clerk-" + UUID.randomUUID())), token, () -> events(caseId));

        assertThat(moved.getBody()).containsEntry("moved", 1);
    }

    private UUID submitted(String name) {
        UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, name, LocalDate.of(1987, 6, 5)));
        clerk.awaitState(caseId, "SUBMITTED");
        return caseId;
    }

    private UUID produced(String name) {
        UUID caseId = submitted(name);
        clerk.act(caseId, "check-in");
        clerk.act(caseId, "review", CaseApi.review("FOREIGN_PASSPORT", "UTILITY_BILL"));
        clerk.act(caseId, "approve");
        clerk.act(caseId, "produce-card");
        return caseId;
    }

    @Test
    void refuses422_whenTheKeyComesAgainWithAnotherBodyOrEndpoint() {
        UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Reuse Example", LocalDate.of(1985, 1, 2)));
        clerk.awaitState(caseId, "SUBMITTED");
        clerk.act(caseId, "check-in");
        HttpHeaders headers = key("reuse-" + UUID.randomUUID());
        assertThat(clerk.post("/api/v1/cases/" + caseId + "/review", CaseApi.review("CONSULAR_ID"), headers)
                .getStatusCode().value()).isEqualTo(200);
        long before = events(caseId);

        ResponseEntity<Map<String, Object>> otherBody = clerk.post("/api/v1/cases/" + caseId + "/review",
                CaseApi.review("CONSULAR_ID", "SHELTER_LETTER"), headers);
        ResponseEntity<Map<String, Object>> otherEndpoint = clerk.post("/api/v1/cases/" + caseId + "/cancel",
                Map.of("reason", "DUPLICATE_CASE"), headers);

        assertThat(otherBody.getStatusCode().value()).isEqualTo(422);
        assertThat(otherBody.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(otherBody.getBody()).containsEntry("type", "urn:mincard:problem:idempotency-key-reused");
        assertThat(otherEndpoint.getStatusCode().value()).isEqualTo(422);
        assertThat(events(caseId)).isEqualTo(before);
    }

    @Test
    void answers412_andStoresNothing_whenIfMatchNamesAVersionTheCaseMovedOnFrom() {
        UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Match Example", LocalDate.of(1970, 3, 4)));
        clerk.awaitState(caseId, "SUBMITTED");
        String submittedTag = clerk.get("/api/v1/cases/" + caseId).getHeaders().getETag();
        assertThat(submittedTag).isEqualTo("\"" + caseId + ".0\"");

        HttpHeaders ifMatch = new HttpHeaders();
        ifMatch.setIfMatch(submittedTag);
        ResponseEntity<Map<String, Object>> checkedIn = clerk.post("/api/v1/cases/" + caseId + "/check-in", Map.of(),
                ifMatch);
        assertThat(checkedIn.getStatusCode().value()).isEqualTo(200);
        String newTag = checkedIn.getHeaders().getETag();
        assertThat(newTag).isEqualTo("\"" + caseId + ".1\"");
        assertThat(clerk.get("/api/v1/cases/" + caseId).getHeaders().getETag()).isEqualTo(newTag);

        ResponseEntity<Map<String, Object>> stale = clerk.post("/api/v1/cases/" + caseId + "/review",
                CaseApi.review("CONSULAR_ID"), ifMatch);
        assertThat(stale.getStatusCode().value()).isEqualTo(412);
        assertThat(stale.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(events(caseId)).isEqualTo(2);

        HttpHeaders otherCase = new HttpHeaders();
        otherCase.setIfMatch("\"" + UUID.randomUUID() + ".1\"");
        assertThat(clerk.post("/api/v1/cases/" + caseId + "/review", CaseApi.review("CONSULAR_ID"),
                otherCase).getStatusCode().value()).as("If-Match naming another aggregate").isEqualTo(412);
        HttpHeaders garbage = new HttpHeaders();
        garbage.set(HttpHeaders.IF_MATCH, "\"not-ours\"");
        assertThat(clerk.post("/api/v1/cases/" + caseId + "/review", CaseApi.review("CONSULAR_ID"),
                garbage).getStatusCode().value()).isEqualTo(412);
        assertThat(events(caseId)).isEqualTo(2);

        HttpHeaders current = new HttpHeaders();
        current.setIfMatch(newTag);
        assertThat(clerk.post("/api/v1/cases/" + caseId + "/review", CaseApi.review("CONSULAR_ID"),
                current).getStatusCode().value()).isEqualTo(200);
        assertThat(events(caseId)).isEqualTo(3);
    }

    @Test
    void leavesOneWinner_whenTheSameKeyArrivesAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 3; round++) {
                UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Race Example", LocalDate.of(1988, 8, 8)));
                clerk.awaitState(caseId, "SUBMITTED");
                HttpHeaders headers = key("race-" + UUID.randomUUID());
                List<Callable<ResponseEntity<Map<String, Object>>>> calls = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    calls.add(() -> clerk.post("/api/v1/cases/" + caseId + "/check-in", Map.of(), headers));
                }
                List<ResponseEntity<Map<String, Object>>> answers = new ArrayList<>();
                for (Future<ResponseEntity<Map<String, Object>>> answer : pool.invokeAll(calls)) {
                    answers.add(answer.get());
                }

                assertThat(answers).allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isIn(200, 409));
                assertThat(answers).filteredOn(answer -> answer.getStatusCode().value() == 200)
                        .isNotEmpty()
                        .allSatisfy(answer -> assertThat(answer.getBody()).containsEntry("state", "CHECKED_IN"));
                assertThat(answers).filteredOn(answer -> answer.getStatusCode().value() == 409)
                        .allSatisfy(answer -> assertThat(answer.getBody())
                                .containsEntry("type", "urn:mincard:problem:idempotency-key-in-flight"));
                assertThat(events(caseId)).as("one check-in stored").isEqualTo(2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private ResponseEntity<Map<String, Object>> step(RetryProbe probe, String action, String user, UUID caseId,
                                                     Object body) {
        ResponseEntity<Map<String, Object>> first = probe.twice("POST /api/v1/cases/{caseId}/" + action, user,
                "/api/v1/cases/" + caseId + "/" + action, body == null ? Map.of() : body, () -> events(caseId));
        assertThat(first.getStatusCode().value()).as(action + " " + first.getBody()).isEqualTo(200);
        assertThat(first.getHeaders().getETag()).as(action + " answers the case's new version")
                .isEqualTo("\"" + caseId + "." + (events(caseId) - 1) + "\"");
        return first;
    }

    private static HttpHeaders key(String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Idempotency-Key", key);
        return headers;
    }

    private long events(UUID aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                aggregateId.toString());
    }

    private long sweeps() {
        return jdbc.queryForObject("SELECT count(*) FROM retention.sweep", Long.class);
    }

    private long eventsTotal() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }
}
