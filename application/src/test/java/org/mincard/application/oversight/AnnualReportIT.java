package org.mincard.application.oversight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A small scenario on its own database, counted by hand: seven cases (six at site A, one at site B), three of them
 * (at A, with contact details) withdrawn and their contact purged by a sweep under rule min-contact-case-withdrawn;
 * three legal holds on three of the other cases, one of them released; four requests (three by immigration
 * enforcement under an administrative subpoena, one by local police under a judicial warrant; one of them decided
 * PARTIAL). Threshold 3: counts 1 and 2 show as "<3".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mincard.oversight.checkpoints.cron=-",
        "mincard.reports.suppress-below=3"})
class AnnualReportIT {

    static final UUID SITE_A = UUID.fromString("a0000000-0000-4000-8000-00000000000a");
    static final UUID SITE_B = UUID.fromString("b0000000-0000-4000-8000-00000000000b");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Checkpoints checkpoints;
    @Autowired
    Environment environment;

    private UUID heldCase;
    private UUID releasedCase;

    private final int year = LocalDate.now(ZoneOffset.UTC).getYear();

    @BeforeAll
    void scenario() throws Exception {
        heldCase = submit("clerk-a", SITE_A, false);
        UUID alsoHeld = submit("clerk-a", SITE_A, false);
        releasedCase = submit("clerk-a", SITE_A, false);
        submit("clerk-b", SITE_B, false);
        for (int i = 0; i < 3; i++) {
            UUID withdrawn = submit("clerk-a", SITE_A, true);
            exchange(HttpMethod.POST, "clerk-a", "/api/v1/cases/" + withdrawn + "/withdraw", Map.of(),
                    MediaType.APPLICATION_JSON);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM retention.schedule_item WHERE data_class = 'CONTACT' AND due_at IS NOT NULL""",
                Integer.class) == 3);
        hold(heldCase);
        hold(alsoHeld);
        UUID released = hold(releasedCase);
        exchange(HttpMethod.POST, "records-officer", "/api/v1/retention/holds/" + released + "/release",
                Map.of("authority", "26-CV-0202"), MediaType.APPLICATION_JSON);
        sweep();
        register("IMMIGRATION_ENFORCEMENT", "ADMINISTRATIVE_SUBPOENA");
        register("IMMIGRATION_ENFORCEMENT", "ADMINISTRATIVE_SUBPOENA");
        UUID decided = register("IMMIGRATION_ENFORCEMENT", "ADMINISTRATIVE_SUBPOENA");
        register("LOCAL_POLICE", "JUDICIAL_WARRANT");
        exchange(HttpMethod.POST, "records-officer", "/api/v1/requests/" + decided + "/counsel-review",
                Map.of("counselReviewerId", "counsel-1"), MediaType.APPLICATION_JSON);
        exchange(HttpMethod.POST, "records-officer", "/api/v1/requests/" + decided + "/decision",
                Map.of("decision", "PARTIAL", "decidedOn", LocalDate.now(ZoneOffset.UTC).toString()),
                MediaType.APPLICATION_JSON);
    }

    @Test
    void countsTheScenario_andSuppressesSmallCounts_whenAskedForJson() throws Exception {
        JsonNode report = json.readTree(exchange(HttpMethod.GET, "auditor", "/api/v1/reports/annual?year=" + year,
                null, MediaType.APPLICATION_JSON).getBody());

        assertThat(section(report, "casesByType")).isEqualTo(json.readTree("{\"NEW\": 7}"));
        assertThat(section(report, "casesBySite")).isEqualTo(json.readTree(
                "{\"" + SITE_A + "\": 6, \"" + SITE_B + "\": \"<3\"}"));
        assertThat(section(report, "casesByOutcome")).isEqualTo(json.readTree("{\"WITHDRAWN\": 3}"));
        assertThat(section(report, "requestsByRequesterType")).isEqualTo(json.readTree(
                "{\"IMMIGRATION_ENFORCEMENT\": 3, \"LOCAL_POLICE\": \"<3\"}"));
        assertThat(section(report, "requestsByInstrument")).isEqualTo(json.readTree(
                "{\"ADMINISTRATIVE_SUBPOENA\": 3, \"JUDICIAL_WARRANT\": \"<3\"}"));
        assertThat(section(report, "requestsByDecision")).isEqualTo(json.readTree(
                "{\"PARTIAL\": \"<3\", \"UNDECIDED\": 3}"));
        assertThat(section(report, "cards")).isEqualTo(json.readTree(
                "{\"issued\": 0, \"renewed\": 0, \"replaced\": 0, \"updated\": 0, \"revoked\": 0}"));
        assertThat(section(report, "purges")).isEqualTo(json.readTree(
                "{\"min-contact-case-withdrawn/CONTACT\": 3}"));
        assertThat(section(report, "holds")).isEqualTo(json.readTree(
                "{\"placed\": 3, \"released\": \"<3\", \"active at year end\": \"<3\"}"));
    }

    @Test
    void flagsReadsOfHeldRecords_onlyWhileTheHoldIsActive() throws Exception {
        readPersonalData(heldCase);
        readPersonalData(releasedCase);

        assertThat(flagsOfReads(heldCase)).isNotEmpty().allSatisfy(flags -> assertThat(flags).contains("HELD_READ"));
        assertThat(flagsOfReads(releasedCase)).isNotEmpty()
                .allSatisfy(flags -> assertThat(flags).doesNotContain("HELD_READ"));
    }

    @Test
    void chainsEveryHoldEvent_andReportsAnEditedHoldEntry() {
        Checkpoints.Signed checkpoint = checkpoints.take();
        long released = jdbc.queryForObject(
                "SELECT entry_id FROM audit.legal_hold_entry WHERE event_type = 'LegalHoldReleased'", Long.class);

        Superuser.execute(environment, "UPDATE audit.legal_hold_entry SET occurred_at = occurred_at + interval '1 year'"
                + " WHERE entry_id = " + released);
        ChainVerifier.StreamResult tampered = holds(checkpoints.verify(checkpoint.payload(), checkpoint.signature(),
                "test"));
        Superuser.execute(environment, "UPDATE audit.legal_hold_entry SET occurred_at = occurred_at - interval '1 year'"
                + " WHERE entry_id = " + released);
        ChainVerifier.StreamResult restored = holds(checkpoints.verify(checkpoint.payload(), checkpoint.signature(),
                "test"));

        assertThat(checkpoint.checkpoint().head("legal-holds").count()).isEqualTo(4);
        assertThat(tampered.findings()).extracting(ChainVerifier.Finding::kind, ChainVerifier.Finding::recordId)
                .containsExactly(tuple(ChainVerifier.Kind.EDITED, released));
        assertThat(restored.findings()).isEmpty();
        assertThat(jdbc.queryForList("SELECT reason_sha256 FROM audit.legal_hold_entry WHERE reason_sha256 IS NOT NULL",
                String.class)).hasSize(3).allMatch(digest -> digest.matches("[0-9a-f]{64}"));
    }

    private static ChainVerifier.StreamResult holds(Checkpoints.VerificationReport report) {
        return report.streams().stream().filter(r -> r.stream().equals("legal-holds")).findFirst().orElseThrow();
    }

    private UUID hold(UUID caseId) throws Exception {
        ResponseEntity<String> placed = exchange(HttpMethod.POST, "records-officer", "/api/v1/retention/holds",
                Map.of("caseIds", List.of(caseId.toString()), "reason", "LITIGATION_PENDING",
                        "authority", "CC-2026-9"), MediaType.APPLICATION_JSON);
        assertThat(placed.getStatusCode().value()).as(placed.getBody()).isEqualTo(201);
        return UUID.fromString(json.readTree(placed.getBody()).get("holdId").asText());
    }

    private void sweep() throws Exception {
        ResponseEntity<String> started = exchange(HttpMethod.POST, "records-officer", "/api/v1/retention/sweeps",
                Map.of(), MediaType.APPLICATION_JSON);
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(202);
        String sweepId = json.readTree(started.getBody()).get("sweepId").asText();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(json.readTree(exchange(HttpMethod.GET,
                "records-officer", "/api/v1/retention/sweeps/" + sweepId, null, MediaType.APPLICATION_JSON)
                .getBody()).get("state").asText()).isEqualTo("COMPLETED"));
    }

    private void readPersonalData(UUID caseId) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Access-Purpose", "CASE_WORK");
        ResponseEntity<String> read = rest.withBasicAuth("clerk-a", "test-password").exchange(
                "/api/v1/cases/" + caseId + "/personal-data", HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(read.getStatusCode().value()).as(read.getBody()).isEqualTo(200);
    }

    private List<List<String>> flagsOfReads(UUID caseId) throws Exception {
        JsonNode page = json.readTree(exchange(HttpMethod.GET, "auditor",
                "/api/v1/audit/access-records?caseId=" + caseId + "&purpose=CASE_WORK", null,
                MediaType.APPLICATION_JSON).getBody());
        List<List<String>> flags = new ArrayList<>();
        for (JsonNode item : page.get("items")) {
            List<String> itemFlags = new ArrayList<>();
            item.get("flags").forEach(flag -> itemFlags.add(flag.asText()));
            flags.add(itemFlags);
        }
        return flags;
    }

    @Test
    void servesCsvAndPrintableHtml_whenAskedByAcceptHeader() {
        ResponseEntity<String> csv = exchange(HttpMethod.GET, "auditor", "/api/v1/reports/annual?year=" + year, null,
                MediaType.parseMediaType("text/csv"));
        ResponseEntity<String> html = exchange(HttpMethod.GET, "records-officer",
                "/api/v1/reports/annual?year=" + year, null, MediaType.TEXT_HTML);

        assertThat(csv.getBody()).startsWith("section,item,value").contains("casesBySite," + SITE_B + ",<3")
                .contains("requestsByRequesterType,IMMIGRATION_ENFORCEMENT,3");
        assertThat(html.getHeaders().getContentType().toString()).startsWith("text/html");
        assertThat(html.getBody()).contains("<h1>Annual transparency report " + year + "</h1>").contains("&lt;3");
    }

    private JsonNode section(JsonNode report, String key) {
        for (JsonNode section : report.get("sections")) {
            if (section.get("key").asText().equals(key)) {
                return section.get("values");
            }
        }
        throw new AssertionError("no section " + key);
    }

    private UUID submit(String clerk, UUID site, boolean withContact) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("type", "NEW", "siteId", site.toString(),
                "applicant", Map.of("legalName", "Ana Example", "dateOfBirth", "1990-04-01", "genderMarker", "X")));
        if (withContact) {
            body.put("contact", Map.of("phone", "+1 312 555 0100"));
        }
        ResponseEntity<String> created = exchange(HttpMethod.POST, clerk, "/api/v1/cases", body,
                MediaType.APPLICATION_JSON);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        return UUID.fromString(json.readTree(created.getBody()).get("caseId").asText());
    }

    private UUID register(String requesterType, String instrument) throws Exception {
        ResponseEntity<String> created = exchange(HttpMethod.POST, "records-officer", "/api/v1/requests", Map.of(
                "requesterType", requesterType, "instrument", instrument, "caseIds", List.of(),
                "subjectIds", List.of(), "requestedRecords", List.of("STATISTICS"),
                "receivedOn", LocalDate.now(ZoneOffset.UTC).toString()), MediaType.APPLICATION_JSON);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        return UUID.fromString(json.readTree(created.getBody()).get("requestId").asText());
    }

    private ResponseEntity<String> exchange(HttpMethod method, String user, String path, Object body,
                                            MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        if (body != null) {
            headers.setContentType(type);
        } else {
            headers.setAccept(List.of(type));
        }
        return rest.withBasicAuth(user, "test-password").exchange(path, method, new HttpEntity<>(body, headers),
                String.class);
    }
}
