package org.mincard.application.casefile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mincard.application.casefile.CaseApi.SITE_A;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseLifecycleIT {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    CaseApi clerk;
    CaseApi supervisor;

    @BeforeEach
    void setUp() {
        clerk = new CaseApi(rest, "clerk-a");
        supervisor = clerk.as("supervisor");
    }

    private UUID approvedCase() {
        UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Ana Example", LocalDate.of(1990, 4, 1)));
        clerk.act(caseId, "check-in");
        clerk.awaitState(caseId, "CHECKED_IN");
        clerk.act(caseId, "review", CaseApi.review("FOREIGN_PASSPORT", "UTILITY_BILL"));
        clerk.act(caseId, "approve");
        clerk.awaitState(caseId, "APPROVED");
        return caseId;
    }

    @Test
    void newCaseGoesFromSubmissionToHandOver_withHistoryAndCard() {
        UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Ana Example", LocalDate.of(1990, 4, 1)));

        assertThat(clerk.act(caseId, "check-in")).isEqualTo("CHECKED_IN");
        clerk.awaitState(caseId, "CHECKED_IN");
        assertThat(clerk.act(caseId, "review", CaseApi.review("FOREIGN_PASSPORT", "UTILITY_BILL")))
                .isEqualTo("UNDER_REVIEW");
        assertThat(clerk.act(caseId, "approve")).isEqualTo("APPROVED");
        clerk.awaitState(caseId, "APPROVED");
        assertThat(clerk.act(caseId, "produce-card")).isEqualTo("CARD_PRODUCED");
        assertThat(clerk.act(caseId, "hand-over")).isEqualTo("HANDED_OVER");

        Map<String, Object> view = clerk.awaitState(caseId, "HANDED_OVER");
        assertThat(view).containsEntry("type", "NEW").containsEntry("ageBand", "ADULT")
                .containsEntry("pointsRuleMet", true).containsKey("cardId");
        assertThat((List<Map<String, Object>>) view.get("history")).extracting(entry -> entry.get("event"))
                .containsExactly("CaseSubmitted", "ApplicantCheckedIn", "DocumentsReviewed", "CaseApproved",
                        "CaseCardProduced", "CardHandedOver");
        assertThat((List<Map<String, Object>>) view.get("history")).allSatisfy(entry ->
                assertThat(entry).containsEntry("actorRole", "CLERK").containsKey("actorId"));
        String cardNumber = clerk.cardNumberOf(caseId);
        assertThat(cardNumber).hasSize(16);
        assertThat(jdbc.queryForObject("SELECT status FROM lookup.card WHERE card_id = ?::uuid", String.class,
                view.get("cardId"))).isEqualTo("ACTIVE");
    }

    @Test
    void mailedCardThatComesBackIsPickedUpAtTheSite() {
        UUID caseId = approvedCase();
        clerk.act(caseId, "produce-card");

        assertThat(clerk.act(caseId, "mail")).isEqualTo("MAILED");
        assertThat(clerk.act(caseId, "mark-returned")).isEqualTo("RETURNED");
        assertThat(clerk.act(caseId, "hand-over")).isEqualTo("HANDED_OVER");
    }

    @Test
    void personalDataIsShownOnlyWithAPurposeAndEveryFieldIsLogged() {
        UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Bo Sample", LocalDate.of(1985, 1, 2)));
        clerk.awaitState(caseId, "SUBMITTED");
        long before = accessRecords(caseId);

        ResponseEntity<Map<String, Object>> withoutPurpose = clerk.get("/api/v1/cases/" + caseId + "/personal-data");
        Map<String, Object> fields = clerk.personalData(caseId, "CASE_WORK");

        assertThat(withoutPurpose.getStatusCode().value()).isEqualTo(400);
        assertThat(withoutPurpose.getBody().toString()).doesNotContain("Bo Sample");
        assertThat((Map<String, Object>) fields.get("CARD_RECORD"))
                .containsEntry("legalName", "Bo Sample").containsEntry("dateOfBirth", "1985-01-02");
        assertThat(fields).containsKeys("CONTACT", "DELIVERY");
        assertThat(accessRecords(caseId) - before).isEqualTo(3);
    }

    @Test
    void auditorNeverReadsPersonalData() {
        UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Cy Sample", LocalDate.of(1985, 1, 2)));
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Access-Purpose", "CASE_WORK");

        ResponseEntity<Map<String, Object>> read = clerk.as("auditor")
                .get("/api/v1/cases/" + caseId + "/personal-data", headers);

        assertThat(read.getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void deniedCaseIsAppealedAndGranted() {
        UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Di Example", LocalDate.of(2000, 2, 2)));
        clerk.act(caseId, "check-in");
        clerk.awaitState(caseId, "CHECKED_IN");
        clerk.act(caseId, "review", CaseApi.review("UTILITY_BILL"));

        ResponseEntity<Map<String, Object>> approval = clerk.post("/api/v1/cases/" + caseId + "/approve", Map.of());

        assertThat(approval.getStatusCode().value()).isEqualTo(409);
        assertThat(approval.getBody()).containsEntry("code", "points-rule-not-met")
                .containsEntry("currentState", "UNDER_REVIEW");
        assertThat(clerk.act(caseId, "deny", Map.of("reason", "INSUFFICIENT_DOCUMENTS"))).isEqualTo("DENIED");
        assertThat(clerk.act(caseId, "appeal")).isEqualTo("APPEALED");
        assertThat(clerk.post("/api/v1/cases/" + caseId + "/decide-appeal", Map.of("granted", true))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(supervisor.act(caseId, "decide-appeal", Map.of("granted", true))).isEqualTo("APPROVED");
        Map<String, Object> view = clerk.awaitState(caseId, "APPROVED");
        assertThat(view).containsEntry("denialReason", "INSUFFICIENT_DOCUMENTS").containsKey("appealDeadline");
    }

    @Test
    void upheldAppealClosesTheCase() {
        UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Ed Example", LocalDate.of(2000, 2, 2)));
        clerk.act(caseId, "check-in");
        clerk.awaitState(caseId, "CHECKED_IN");
        clerk.act(caseId, "review", CaseApi.review("UTILITY_BILL"));
        clerk.act(caseId, "deny", Map.of("reason", "IDENTITY_NOT_ESTABLISHED"));
        clerk.act(caseId, "appeal");

        assertThat(supervisor.act(caseId, "decide-appeal", Map.of("granted", false))).isEqualTo("DENIAL_UPHELD");

        ResponseEntity<Map<String, Object>> late = clerk.post("/api/v1/cases/" + caseId + "/appeal", Map.of());
        assertThat(late.getStatusCode().value()).isEqualTo(409);
        assertThat(late.getBody()).containsEntry("currentState", "DENIAL_UPHELD");
    }

    @Test
    void transitionNotAllowedAnswers409WithCurrentState() {
        UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Fay Example", LocalDate.of(1970, 3, 3)));

        ResponseEntity<Map<String, Object>> handOver = clerk.post("/api/v1/cases/" + caseId + "/hand-over", Map.of());

        assertThat(handOver.getStatusCode().value()).isEqualTo(409);
        assertThat(handOver.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(handOver.getBody()).containsEntry("currentState", "SUBMITTED")
                .containsEntry("code", "transition-not-allowed");
    }

    @Test
    void unknownCaseIsNotFound() {
        ResponseEntity<Map<String, Object>> action = clerk.post("/api/v1/cases/" + UUID.randomUUID() + "/check-in",
                Map.of());
        ResponseEntity<Map<String, Object>> read = clerk.get("/api/v1/cases/" + UUID.randomUUID());

        assertThat(action.getStatusCode().value()).isEqualTo(404);
        assertThat(read.getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void otherSitesCaseIsNotFoundForAClerkThere() {
        UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Gil Example", LocalDate.of(1970, 3, 3)));
        clerk.awaitState(caseId, "SUBMITTED");
        CaseApi otherSite = clerk.as("clerk-b");

        assertThat(otherSite.get("/api/v1/cases/" + caseId).getStatusCode().value()).isEqualTo(404);
        assertThat(otherSite.post("/api/v1/cases/" + caseId + "/check-in", Map.of()).getStatusCode().value())
                .isEqualTo(404);
        assertThat(otherSite.post("/api/v1/cases", CaseApi.newApplication(SITE_A, "Hal", LocalDate.of(1970, 3, 3)))
                .getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void retryWithTheSameIdempotencyKeyReturnsTheFirstCase() {
        Map<String, Object> application = CaseApi.newApplication(SITE_A, "Ivy Example", LocalDate.of(1999, 9, 9));
        HttpHeaders headers = new HttpHeaders();
        headers.set("Idempotency-Key", UUID.randomUUID().toString());

        ResponseEntity<Map<String, Object>> first = clerk.post("/api/v1/cases", application, headers);
        ResponseEntity<Map<String, Object>> retry = clerk.post("/api/v1/cases", application, headers);
        application.put("type", "NEW");
        application.put("applicant", Map.of("legalName", "Someone Else", "dateOfBirth", "1999-09-09"));
        ResponseEntity<Map<String, Object>> reused = clerk.post("/api/v1/cases", application, headers);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getBody().get("caseId")).isEqualTo(first.getBody().get("caseId"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, first.getBody().get("caseId"))).isEqualTo(1L);
        assertThat(reused.getStatusCode().value()).isEqualTo(422);
    }

    @Test
    void conflictingActionsAtOnce_oneWinsTheOtherGets409() throws Exception {
        for (int round = 0; round < 5; round++) {
            UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Jo Example", LocalDate.of(1980, 1, 1)));
            clerk.act(caseId, "check-in");
            clerk.awaitState(caseId, "CHECKED_IN");
            clerk.act(caseId, "review", CaseApi.review("US_PASSPORT", "LEASE"));
            CountDownLatch start = new CountDownLatch(1);

            CompletableFuture<Integer> approve = CompletableFuture.supplyAsync(() -> {
                await(start);
                return clerk.post("/api/v1/cases/" + caseId + "/approve", Map.of()).getStatusCode().value();
            });
            CompletableFuture<Integer> deny = CompletableFuture.supplyAsync(() -> {
                await(start);
                return clerk.post("/api/v1/cases/" + caseId + "/deny", Map.of("reason", "INELIGIBLE"))
                        .getStatusCode().value();
            });
            start.countDown();

            List<Integer> answers = new ArrayList<>(List.of(approve.get(), deny.get()));
            assertThat(answers).containsExactlyInAnyOrder(200, 409);
            assertThat(jdbc.queryForObject("""
                    SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?
                      AND payloadtype IN ('org.mincard.domain.casefile.CaseApproved',
                                          'org.mincard.domain.casefile.CaseDenied')
                    """, Long.class, caseId.toString())).isEqualTo(1L);
        }
    }

    @Test
    void forbiddenFieldIsRefusedAndNothingIsStored() {
        Map<String, Object> application = CaseApi.newApplication(SITE_A, "Kim Example", LocalDate.of(1980, 1, 1));
        application.put("applicant", Map.of("legalName", "Kim Example", "dateOfBirth", "1980-01-01",
                "ssn", "078-05-1120"));
        long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);

        ResponseEntity<Map<String, Object>> refused = clerk.post("/api/v1/cases", application);

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().toString()).contains("applicant.ssn").doesNotContain("078-05-1120");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class)).isEqualTo(events);
    }

    @Test
    void unknownDocumentTypeIsRefusedNamingTheField() {
        UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Lu Example", LocalDate.of(1980, 1, 1)));
        clerk.act(caseId, "check-in");
        clerk.awaitState(caseId, "CHECKED_IN");

        ResponseEntity<Map<String, Object>> review = clerk.post("/api/v1/cases/" + caseId + "/review",
                CaseApi.review("US_PASSPORT", "LIBRARY_CARD"));

        assertThat(review.getStatusCode().value()).isEqualTo(400);
        assertThat(review.getBody().toString()).contains("documents[1].type");
    }

    private long accessRecords(UUID caseId) {
        return jdbc.queryForObject("SELECT count(*) FROM audit.access_record WHERE case_id = ?", Long.class, caseId);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
