package org.mincard.application.casefile;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mincard.application.config.ProcessorProgress;
import org.mincard.application.vault.CanaryScan;
import org.mincard.application.vault.PurgeReference;
import org.mincard.application.vault.keys.DataKeys;
import org.mincard.domain.casefile.CaseSubmitted;
import org.mincard.domain.personaldata.DataClass;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mincard.application.casefile.CaseApi.SITE_A;

/**
 * The canary test of the whole lifecycle: every personal field of real cases holds a unique random marker; the cases
 * go through the lifecycle over HTTP, one projection dead-letters their events and another is replayed; then every
 * table and column, a pg_dump and the service's log output are scanned for every marker, and none may be found.
 * Finally one data class's keys are destroyed: that class can no longer be read, the others still can.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "axon.eventhandling.processors.canary-dead-letters.mode=pooled",
        "axon.eventhandling.processors.canary-dead-letters.dlq.enabled=true"})
@ExtendWith(OutputCaptureExtension.class)
class LifecycleCanaryIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    DataKeys dataKeys;

    @Autowired
    ProcessorProgress progress;

    /** A projection that fails on every submission, so those events land in the dead-letter queue. */
    @ProcessingGroup("canary-dead-letters")
    static class FailingProjection {

        @EventHandler
        void on(CaseSubmitted event) {
            throw new IllegalStateException("canary projection refuses every submission");
        }
    }

    @TestConfiguration
    static class FailingProjectionConfig {

        @Bean
        FailingProjection canaryFailingProjection() {
            return new FailingProjection();
        }
    }

    private final List<String> markers = new ArrayList<>();

    private String marker(String prefix) {
        String marker = prefix + HexFormat.of().formatHex(RANDOM.generateSeed(8)).toUpperCase();
        markers.add(marker);
        return marker;
    }

    private String digits(int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        String marker = digits.toString();
        markers.add(marker);
        return marker;
    }

    private Map<String, Object> markedApplication() {
        Map<String, Object> application = new HashMap<>();
        application.put("type", "NEW");
        application.put("siteId", SITE_A.toString());
        application.put("applicant", Map.of("legalName", marker("Name"), "dateOfBirth", "1961-07-19",
                "genderMarker", marker("G")));
        application.put("contact", Map.of("phone", "+1 " + digits(13), "email", marker("mail") + "@example.org"));
        application.put("delivery", address());
        return application;
    }

    private Map<String, Object> address() {
        return Map.of("careOf", marker("CareOf"), "street", marker("Street"), "unit", marker("Unit"),
                "city", marker("City"), "region", marker("Region"), "postalCode", digits(12));
    }

    @Test
    void noMarkerIsFoundAnywhere_afterLifecycleDeadLettersAndReplay(CapturedOutput output) throws Exception {
        CaseApi clerk = new CaseApi(rest, "clerk-a");
        CaseApi supervisor = clerk.as("supervisor");

        UUID mailed = clerk.submit(markedApplication());
        clerk.act(mailed, "check-in");
        clerk.awaitState(mailed, "CHECKED_IN");
        clerk.act(mailed, "review", Map.of("documents", List.of(Map.of("type", "CONSULAR_ID"),
                Map.of("type", "SHELTER_LETTER")), "attestation", marker("Attest"), "clerkNotes", marker("Notes")));
        clerk.act(mailed, "approve");
        clerk.awaitState(mailed, "APPROVED");
        clerk.act(mailed, "produce-card");
        clerk.act(mailed, "mail", Map.of("delivery", address()));
        clerk.act(mailed, "mark-returned");
        clerk.act(mailed, "hand-over");
        UUID appealed = clerk.submit(markedApplication());
        clerk.act(appealed, "check-in");
        clerk.awaitState(appealed, "CHECKED_IN");
        clerk.act(appealed, "review", Map.of("documents", List.of(Map.of("type", "UTILITY_BILL")),
                "clerkNotes", marker("Notes")));
        clerk.act(appealed, "deny", Map.of("reason", "INSUFFICIENT_DOCUMENTS"));
        clerk.act(appealed, "appeal");
        supervisor.act(appealed, "decide-appeal", Map.of("granted", false));
        UUID withdrawn = clerk.submit(markedApplication());
        clerk.act(withdrawn, "withdraw");
        Map<String, Object> forbidden = markedApplication();
        forbidden.put("immigrationStatus", marker("Status"));
        assertThat(clerk.post("/api/v1/cases", forbidden).getStatusCode().value()).isEqualTo(422);

        Map<String, Object> badEmail = markedApplication();
        badEmail.put("contact", Map.of("email", marker("not-an-email")));
        assertThat(clerk.post("/api/v1/cases", badEmail).getStatusCode().value()).isEqualTo(400);
        Map<String, Object> badDate = markedApplication();
        badDate.put("applicant", Map.of("legalName", marker("Name"), "dateOfBirth", marker("date")));
        assertThat(clerk.post("/api/v1/cases", badDate).getStatusCode().value()).isEqualTo(400);
        Map<String, Object> tooLong = markedApplication();
        tooLong.put("applicant", Map.of("legalName", marker("Long").repeat(20), "dateOfBirth", "1961-07-19"));
        assertThat(clerk.post("/api/v1/cases", tooLong).getStatusCode().value()).isEqualTo(400);
        assertThat(clerk.post("/api/v1/cases/" + mailed + "/review", Map.of("documents",
                List.of(Map.of("type", marker("DOC"))))).getStatusCode().value()).isEqualTo(400);

        String cardNumber = clerk.cardNumberOf(mailed);
        markers.add(cardNumber);
        Map<String, Object> shown = clerk.personalData(mailed, "CASE_WORK");
        assertThat(shown.toString()).contains(markers.get(0));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM deadletterentry WHERE processinggroup = ?", Long.class,
                        "canary-dead-letters") >= 3);
        // The count to compare with is taken once case-view has handled every event stored so far (the lifecycle's
        // last commands may still be in flight when the dead letters arrive).
        assertThat(progress.awaitCaughtUp("case-view", Duration.ofSeconds(60))).as("case-view caught up").isTrue();
        long historyBefore = jdbc.queryForObject("SELECT count(*) FROM read_model.case_history", Long.class);
        replay("case-view");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM read_model.case_history", Long.class) == historyBefore);
        clerk.awaitState(mailed, "HANDED_OVER");

        assertThat(CanaryScan.scanDatabase(dataSource, markers)).as("markers in the database").isEmpty();
        assertThat(CanaryScan.scanPgDump(dataSource, markers)).as("markers in pg_dump").isEmpty();
        assertThat(CanaryScan.scanText("log", output.getAll(), markers)).as("markers in the log").isEmpty();

        UUID cardholderId = UUID.fromString((String) clerk.get("/api/v1/cases/" + mailed).getBody().get("cardholderId"));
        dataKeys.destroyKeys(cardholderId, DataClass.CARD_RECORD, new PurgeReference(UUID.randomUUID(), "canary"));
        Map<String, Object> afterPurge = clerk.personalData(mailed, "CASE_WORK");
        assertThat(afterPurge).containsEntry("CARD_RECORD", Map.of("purged", "CARD_RECORD"))
                .containsEntry("CARD_NUMBER", Map.of("purged", "CARD_RECORD"));
        assertThat(afterPurge.get("CONTACT").toString()).contains("@example.org");
        assertThat(afterPurge.get("REVIEW").toString()).contains("CONSULAR_ID");
    }

    private void replay(String processingGroup) {
        StreamingEventProcessor processor = processing.eventProcessor(processingGroup, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream().allMatch(status -> status.isCaughtUp()));
    }
}
