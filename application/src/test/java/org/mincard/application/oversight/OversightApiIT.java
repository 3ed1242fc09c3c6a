package org.mincard.application.oversight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

@OversightTest
class OversightApiIT {

    static final UUID SITE_A = UUID.fromString("a0000000-0000-4000-8000-00000000000a");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    @Test
    void recordsTheWholeLifecycle_whenARecordsOfficerWorksARequest() throws Exception {
        UUID requestId = register(List.of(), "STATISTICS");

        post("records-officer", "/api/v1/requests/" + requestId + "/counsel-review",
                Map.of("counselReviewerId", "counsel-7"));
        post("records-officer", "/api/v1/requests/" + requestId + "/decision",
                Map.of("decision", "CHALLENGED", "decidedOn", "2026-03-05"));
        post("records-officer", "/api/v1/requests/" + requestId + "/holder-notification",
                Map.of("notifiedOn", "2026-03-06"));
        ResponseEntity<String> answered = post("records-officer", "/api/v1/requests/" + requestId + "/response",
                Map.of("respondedOn", "2026-03-12"));

        assertThat(answered.getStatusCode().value()).isEqualTo(200);
        JsonNode seen = json.readTree(get("auditor", "/api/v1/requests/" + requestId).getBody());
        assertThat(seen.get("decision").asText()).isEqualTo("CHALLENGED");
        assertThat(seen.get("counselReviewerId").asText()).isEqualTo("counsel-7");
        assertThat(seen.get("holderNotified").asBoolean()).isTrue();
        assertThat(seen.get("daysToRespond").asLong()).isEqualTo(10);
        assertThat(jdbc.queryForList("SELECT event_type FROM audit.request_register_entry WHERE request_id = ?"
                + " ORDER BY entry_id", String.class, requestId)).containsExactly("DataRequestRegistered",
                "CounselReviewerAssigned", "DataRequestDecided", "DataRequestHolderNotified", "DataRequestAnswered");
    }

    @Test
    void refusesTheDecision_whenNoCounselReviewed() throws Exception {
        UUID requestId = register(List.of(), "CARD_STATUS");

        ResponseEntity<String> decided = post("records-officer", "/api/v1/requests/" + requestId + "/decision",
                Map.of("decision", "FULL", "decidedOn", "2026-03-05"));

        assertThat(decided.getStatusCode().value()).isEqualTo(409);
        assertThat(decided.getBody()).contains("counsel-review-missing");
    }

    @Test
    void refusesFreeTextInTheRegister_whenAScopeDescriptionOrACounselNameIsSent() throws Exception {
        ResponseEntity<String> described = post("records-officer", "/api/v1/requests", Map.of(
                "requesterType", "STATE", "instrument", "COURT_ORDER", "caseIds", List.of(), "subjectIds", List.of(),
                "requestedRecords", List.of("CARD_RECORD"), "scopeDescription", "Everything about Jane Roe",
                "receivedOn", "2026-03-02"));
        ResponseEntity<String> legacy = post("records-officer", "/api/v1/requests", Map.of(
                "requesterType", "STATE", "instrument", "COURT_ORDER", "caseIds", List.of(), "subjectIds", List.of(),
                "requestedRecords", List.of("UNSPECIFIED"), "receivedOn", "2026-03-02"));
        UUID requestId = register(List.of(), "STATISTICS");
        ResponseEntity<String> named = post("records-officer", "/api/v1/requests/" + requestId + "/counsel-review",
                Map.of("counselReviewerId", "Jane Roe <jane.roe@example.org>"));

        assertThat(described.getStatusCode().value()).isEqualTo(400);
        assertThat(described.getBody()).contains("scopeDescription").doesNotContain("Jane");
        assertThat(legacy.getStatusCode().value()).isEqualTo(400);
        assertThat(legacy.getBody()).contains("requestedRecords");
        assertThat(named.getStatusCode().value()).isEqualTo(400);
        assertThat(named.getBody()).contains("counselReviewerId").doesNotContain("Jane");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oversight.data_request WHERE counsel_reviewer_id"
                + " IS NOT NULL AND request_id = ?", Integer.class, requestId)).isZero();
        assertThat(json.readTree(get("auditor", "/api/v1/requests/" + requestId).getBody())
                .get("requestedRecords").get(0).asText()).isEqualTo("STATISTICS");
    }

    @Test
    void logsEveryDisclosedFieldAgainstTheRequest_whenRecordsAreProduced() throws Exception {
        UUID caseId = submitCase();
        UUID requestId = register(List.of(caseId), "CARD_RECORD", "CONTACT");
        post("records-officer", "/api/v1/requests/" + requestId + "/counsel-review",
                Map.of("counselReviewerId", "counsel-7"));
        post("records-officer", "/api/v1/requests/" + requestId + "/decision",
                Map.of("decision", "PARTIAL", "decidedOn", "2026-03-05"));

        ResponseEntity<String> disclosed = post("records-officer", "/api/v1/requests/" + requestId + "/disclosures",
                Map.of("caseIds", List.of(caseId), "fields", List.of("CARD_RECORD", "CONTACT")));

        assertThat(disclosed.getStatusCode().value()).as(disclosed.getBody()).isEqualTo(200);
        JsonNode fields = json.readTree(disclosed.getBody()).get("cases").get(0).get("fields");
        assertThat(fields.get("CONTACT").get("phone").asText()).isEqualTo("+1 312 555 0100");
        assertThat(fields.has("CARD_RECORD")).isTrue();
        assertThat(jdbc.queryForList("""
                SELECT data_class || '/' || purpose || '/' || outcome FROM audit.access_record
                WHERE request_reference = ? AND case_id = ? ORDER BY data_class""", String.class,
                requestId.toString(), caseId))
                .containsExactly("CARD_RECORD/LEGAL_REQUEST/SHOWN", "CONTACT/LEGAL_REQUEST/SHOWN");
        JsonNode page = json.readTree(get("auditor", "/api/v1/audit/access-records?caseId=" + caseId
                + "&purpose=LEGAL_REQUEST").getBody());
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("requestReference").asText()).isEqualTo(requestId.toString());
        HttpHeaders csv = new HttpHeaders();
        csv.setAccept(List.of(MediaType.parseMediaType("text/csv")));
        ResponseEntity<String> export = exchange("auditor", HttpMethod.GET,
                "/api/v1/audit/access-records?caseId=" + caseId, null, csv);
        assertThat(export.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(export.getBody()).startsWith("access_id,occurred_at,actor_id").contains(requestId.toString())
                .doesNotContain("555 0100");
    }

    @Test
    void refusesTheDisclosure_whenTheRequestWasRefused() throws Exception {
        UUID caseId = submitCase();
        UUID requestId = register(List.of(caseId), "CARD_RECORD", "CONTACT", "DELIVERY", "REVIEW");
        post("records-officer", "/api/v1/requests/" + requestId + "/counsel-review",
                Map.of("counselReviewerId", "counsel-7"));
        post("records-officer", "/api/v1/requests/" + requestId + "/decision",
                Map.of("decision", "REFUSED", "decidedOn", "2026-03-05"));

        ResponseEntity<String> disclosed = post("records-officer", "/api/v1/requests/" + requestId + "/disclosures",
                Map.of("caseIds", List.of(caseId), "fields", List.of("CONTACT")));

        assertThat(disclosed.getStatusCode().value()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit.access_record WHERE request_reference = ?",
                Long.class, requestId.toString())).isZero();
    }

    @Test
    void verifiesACheckpointOfflineWithOpenssl_andOnline_whenNothingChanged() throws Exception {
        assumeThat(Path.of("/usr/bin/openssl")).exists();
        ResponseEntity<String> taken = post("auditor", "/api/v1/audit/checkpoints", null);
        assertThat(taken.getStatusCode().value()).isEqualTo(201);
        UUID checkpointId = UUID.fromString(json.readTree(taken.getBody()).get("checkpointId").asText());
        Path directory = Files.createDirectories(Path.of("target", "oversight-openssl"));
        Path checkpoint = directory.resolve("checkpoint.json");
        Path signature = directory.resolve("checkpoint.sig");
        Path key = directory.resolve("key.pem");
        Files.writeString(checkpoint, get("auditor", "/api/v1/audit/checkpoints/" + checkpointId).getBody(),
                StandardCharsets.UTF_8);
        Files.write(signature, rest.withBasicAuth("auditor", "test-password")
                .getForEntity("/api/v1/audit/checkpoints/" + checkpointId + "/signature", byte[].class).getBody());
        Files.writeString(key, get("auditor", "/api/v1/audit/signing-key").getBody());

        Process openssl = new ProcessBuilder("/usr/bin/openssl", "pkeyutl", "-verify", "-pubin", "-inkey",
                key.toString(), "-rawin", "-in", checkpoint.toString(), "-sigfile", signature.toString())
                .redirectErrorStream(true).start();
        String said = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("Checkpoint-Signature", Base64.getEncoder().encodeToString(Files.readAllBytes(signature)));
        ResponseEntity<String> verified = exchange("auditor", HttpMethod.POST, "/api/v1/audit/verify",
                Files.readString(checkpoint), headers);

        assertThat(openssl.waitFor()).as(said).isZero();
        assertThat(said).contains("Signature Verified Successfully");
        JsonNode report = json.readTree(verified.getBody());
        assertThat(report.get("signatureValid").asBoolean()).isTrue();
        assertThat(report.get("checkpointId").asText()).isEqualTo(checkpointId.toString());
        for (JsonNode stream : report.get("streams")) {
            if (stream.get("stream").asText().equals("access-log")
                    || stream.get("stream").asText().equals("request-register")) {
                assertThat(stream.get("findingCount").asLong()).as(stream.toString()).isZero();
            }
        }
    }

    @Test
    void flagsOffHoursAndBulkSearchers_andExportsCsv_whenAnAuditorReadsTheSearchLog() throws Exception {
        String actor = "night-searcher-" + UUID.randomUUID();
        // 03:00 in Chicago on a Wednesday, then 101 searches in 101 seconds: the default threshold is 100 an hour.
        Instant night = ZonedDateTime.of(2026, 3, 4, 3, 0, 0, 0,
                ZoneId.of("America/Chicago")).toInstant();
        for (int i = 0; i < 101; i++) {
            jdbc.update("""
                    INSERT INTO audit.search_record (occurred_at, actor_id, actor_role, kind, queue, terms, matches)
                    VALUES (?, ?, 'CLERK', 'NAME', 'intake', 2, 0)""",
                    Timestamp.from(night.plusSeconds(i)), actor);
        }

        JsonNode items = json.readTree(get("auditor", "/api/v1/audit/search-records?actorId=" + actor
                + "&limit=200").getBody()).get("items");
        HttpHeaders csv = new HttpHeaders();
        csv.setAccept(List.of(MediaType.parseMediaType("text/csv")));
        ResponseEntity<String> export = exchange("auditor", HttpMethod.GET,
                "/api/v1/audit/search-records?actorId=" + actor + "&kind=NAME&limit=2", null, csv);
        ResponseEntity<String> tooLarge = get("auditor", "/api/v1/audit/search-records?limit=0");

        assertThat(items).hasSize(101);
        assertThat(items.get(99).get("flags").toString()).contains("OFF_HOURS").doesNotContain("BULK_SEARCHER");
        assertThat(items.get(100).get("flags").toString()).contains("BULK_SEARCHER", "OFF_HOURS");
        assertThat(export.getBody()).startsWith("search_id,occurred_at,actor_id,actor_role,kind,queue,terms,matches")
                .contains(actor + ",CLERK,NAME,intake,2,0,OFF_HOURS");
        assertThat(export.getHeaders().getFirst("Next-After")).isNotBlank();
        assertThat(tooLarge.getStatusCode().value()).isEqualTo(400);
        assertThat(tooLarge.getBody()).contains("limit");
    }

    @Test
    void flagsNoBulkRead_whenAClerkReadsOnePageOfNames_butFlagsTheNextPages() throws Exception {
        String actor = "page-reader-" + UUID.randomUUID();
        Instant firstPage = ZonedDateTime.of(2026, 3, 4, 10, 0, 0, 0, ZoneId.of("America/Chicago")).toInstant();
        Instant secondPage = firstPage.plusSeconds(30);
        for (Instant page : List.of(firstPage, secondPage)) {
            for (int i = 0; i < 58; i++) {
                jdbc.update("""
                        INSERT INTO audit.access_record (occurred_at, actor_id, actor_role, subject_id, data_class,
                                                         purpose, outcome)
                        VALUES (?, ?, 'CLERK', ?, 'CARD_RECORD', 'CASE_WORK', 'SHOWN')""",
                        Timestamp.from(page), actor, UUID.randomUUID());
            }
        }

        JsonNode items = json.readTree(get("auditor", "/api/v1/audit/access-records?actorId=" + actor
                + "&limit=200").getBody()).get("items");

        assertThat(items).hasSize(116);
        for (int i = 0; i < 58; i++) {
            assertThat(items.get(i).get("flags").toString()).as("first page").doesNotContain("BULK_READER");
        }
        for (int i = 58; i < 116; i++) {
            assertThat(items.get(i).get("flags").toString()).as("second page").contains("BULK_READER");
        }
    }

    @Test
    void flagsOffHoursBulkAndPurgedReads_whenAnAuditorSearchesByActor() throws Exception {
        String actor = "night-reader-" + UUID.randomUUID();
        // 03:00 in Chicago on a Wednesday: outside the default office hours 08:00-18:00.
        Instant night = ZonedDateTime.of(2026, 3, 4, 3, 0, 0, 0,
                ZoneId.of("America/Chicago")).toInstant();
        for (int i = 0; i < 51; i++) {
            jdbc.update("""
                    INSERT INTO audit.access_record (occurred_at, actor_id, actor_role, subject_id, data_class,
                                                     purpose, outcome)
                    VALUES (?, ?, 'CLERK', ?, 'CONTACT', 'CASE_WORK', ?)""",
                    Timestamp.from(night.plusSeconds(i)), actor, UUID.randomUUID(),
                    i == 0 ? "PURGED" : "SHOWN");
        }

        JsonNode items = json.readTree(get("auditor", "/api/v1/audit/access-records?actorId=" + actor
                + "&limit=100").getBody()).get("items");

        assertThat(items).hasSize(51);
        assertThat(items.get(0).get("flags").toString()).contains("PURGED_READ", "OFF_HOURS")
                .doesNotContain("BULK_READER");
        assertThat(items.get(49).get("flags").toString()).doesNotContain("BULK_READER");
        assertThat(items.get(50).get("flags").toString()).contains("BULK_READER", "OFF_HOURS");
    }

    @Test
    void refusesTheAccessLog_whenAClerkAsks() {
        assertThat(get("clerk-a", "/api/v1/audit/access-records").getStatusCode().value()).isEqualTo(403);
    }

    private UUID register(List<UUID> caseIds, String... requestedRecords) throws Exception {
        ResponseEntity<String> created = post("records-officer", "/api/v1/requests", Map.of(
                "requesterType", "IMMIGRATION_ENFORCEMENT", "instrument", "ADMINISTRATIVE_SUBPOENA",
                "caseIds", caseIds, "subjectIds", List.of(), "requestedRecords", List.of(requestedRecords),
                "receivedOn", "2026-03-02"));
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        return UUID.fromString(json.readTree(created.getBody()).get("requestId").asText());
    }

    private UUID submitCase() throws Exception {
        ResponseEntity<String> created = post("clerk-a", "/api/v1/cases", Map.of(
                "type", "NEW", "siteId", SITE_A.toString(),
                "applicant", Map.of("legalName", "Ana Example", "dateOfBirth", "1990-04-01", "genderMarker", "X"),
                "contact", Map.of("phone", "+1 312 555 0100", "email", "applicant@example.org")));
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        UUID caseId = UUID.fromString(json.readTree(created.getBody()).get("caseId").asText());
        await().atMost(Duration.ofSeconds(20)).until(() -> get("clerk-a", "/api/v1/cases/" + caseId)
                .getStatusCode().value() == 200);
        return caseId;
    }

    ResponseEntity<String> post(String user, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return exchange(user, HttpMethod.POST, path, body, headers);
    }

    ResponseEntity<String> get(String user, String path) {
        return exchange(user, HttpMethod.GET, path, null, new HttpHeaders());
    }

    ResponseEntity<String> exchange(String user, HttpMethod method, String path, Object body, HttpHeaders headers) {
        return rest.withBasicAuth(user, "test-password").exchange(path, method, new HttpEntity<>(body, headers),
                String.class);
    }
}
