package org.mincard.application.casefile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mincard.application.vault.PurgeReference;
import org.mincard.application.vault.keys.DataKeys;
import org.mincard.domain.personaldata.DataClass;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mincard.application.casefile.CaseApi.SITE_A;

/** The case's personal-data endpoint: the access gate over HTTP, with a real case behind it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CasePersonalDataIT {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataKeys dataKeys;

    CaseApi clerk;

    @BeforeEach
    void setUp() {
        clerk = new CaseApi(rest, "clerk-a");
    }

    private UUID caseOf(String legalName) {
        UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, legalName, LocalDate.of(2000, 1, 1)));
        clerk.awaitState(caseId, "SUBMITTED");
        return caseId;
    }

    private ResponseEntity<Map<String, Object>> read(CaseApi as, UUID caseId, String purpose) {
        HttpHeaders headers = new HttpHeaders();
        if (purpose != null) {
            headers.set("X-Access-Purpose", purpose);
        }
        return as.get("/api/v1/cases/" + caseId + "/personal-data?fields=CARD_RECORD", headers);
    }

    private List<String> outcomes(UUID caseId) {
        return jdbc.queryForList("""
                SELECT outcome || '/' || coalesce(refusal_reason, 'null') || '/' || data_class
                FROM audit.access_record WHERE case_id = ? ORDER BY access_id""", String.class, caseId);
    }

    @Test
    void answers400NamingTheHeaderAndShowsNothing_whenThePurposeIsMissing() {
        UUID caseId = caseOf("Missing Purpose");

        ResponseEntity<Map<String, Object>> response = read(clerk, caseId, null);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().toString()).contains("X-Access-Purpose").doesNotContain("Missing Purpose");
        assertThat(outcomes(caseId)).isEmpty();
    }

    @Test
    void answers400WithoutEchoingIt_whenThePurposeIsUnknown() {
        UUID caseId = caseOf("Unknown Purpose");

        ResponseEntity<Map<String, Object>> response = read(clerk, caseId, "just-curious-7f3a");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().toString()).contains("X-Access-Purpose").contains("CASE_WORK")
                .doesNotContain("just-curious-7f3a").doesNotContain("Unknown Purpose");
        assertThat(outcomes(caseId)).isEmpty();
    }

    @Test
    void showsTheFieldAndRecordsTheReader_whenAClerkSendsAPurpose() {
        UUID caseId = caseOf("Lucía Ortega");

        ResponseEntity<Map<String, Object>> response = read(clerk, caseId, "case-work");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody().toString()).contains("Lucía Ortega");
        assertThat(jdbc.queryForList("""
                SELECT actor_role, site_id, purpose, outcome FROM audit.access_record WHERE case_id = ?""",
                caseId)).containsExactly(Map.of("actor_role", "CLERK", "site_id", SITE_A, "purpose", "CASE_WORK",
                "outcome", "SHOWN"));
    }

    @Test
    void answers403AndRecordsTheRefusal_whenThePurposeIsNotAllowedForTheRole() {
        UUID caseId = caseOf("Never Shown");

        ResponseEntity<Map<String, Object>> response = read(clerk, caseId, "LEGAL_REQUEST");

        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(response.getBody().toString()).contains("CARD_RECORD").doesNotContain("Never Shown");
        assertThat(outcomes(caseId)).containsExactly("REFUSED/ROLE_NOT_ALLOWED/CARD_RECORD");
    }

    @Test
    void answers403BeforeAnythingIsRead_whenAnAuditorAsks() {
        UUID caseId = caseOf("Auditor Never");

        ResponseEntity<Map<String, Object>> response = read(clerk.as("auditor"), caseId, "CASE_WORK");

        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(response.getBody().toString()).doesNotContain("Auditor Never");
    }

    @Test
    void answersAPurgedMarker_whenTheFieldsKeyIsDestroyed() {
        UUID caseId = caseOf("Gone Forever");
        UUID cardholderId = UUID.fromString((String) clerk.get("/api/v1/cases/" + caseId).getBody().get("cardholderId"));
        dataKeys.destroyKeys(cardholderId, DataClass.CARD_RECORD, new PurgeReference(UUID.randomUUID(), "card-lapsed"));

        ResponseEntity<Map<String, Object>> response = read(clerk, caseId, "CASE_WORK");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat((Map<String, Object>) response.getBody().get("fields"))
                .containsEntry("CARD_RECORD", Map.of("purged", "CARD_RECORD"));
        assertThat(outcomes(caseId)).containsExactly("PURGED/null/CARD_RECORD");
    }

    @Test
    void stillAnswersAPurgedMarker_whenASweepAlsoRemovedTheSealedCopies() {
        UUID caseId = caseOf("Swept Away");
        UUID cardholderId = UUID.fromString((String) clerk.get("/api/v1/cases/" + caseId).getBody().get("cardholderId"));
        dataKeys.destroyKeys(cardholderId, DataClass.CONTACT, new PurgeReference(UUID.randomUUID(), "decision-made"));
        jdbc.update("DELETE FROM read_model.case_sealed_field WHERE subject_id = ? AND data_class = 'CONTACT'",
                cardholderId);
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Access-Purpose", "CASE_WORK");

        ResponseEntity<Map<String, Object>> response = clerk.get("/api/v1/cases/" + caseId + "/personal-data", headers);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> fields = (Map<String, Object>) response.getBody().get("fields");
        assertThat(fields).containsEntry("CONTACT", Map.of("purged", "CONTACT")).containsKey("CARD_RECORD")
                .doesNotContainKey("CARD_NUMBER");
        assertThat(fields.get("CARD_RECORD").toString()).contains("Swept Away");
    }

    @Test
    void recordsAPurgedRead_whenASweepRemovedTheSealedCopiesOfTheClassAsked() {
        UUID caseId = caseOf("Read After Purge");
        UUID cardholderId = UUID.fromString((String) clerk.get("/api/v1/cases/" + caseId).getBody().get("cardholderId"));
        dataKeys.destroyKeys(cardholderId, DataClass.CONTACT, new PurgeReference(UUID.randomUUID(), "decision-made"));
        jdbc.update("DELETE FROM read_model.case_sealed_field WHERE subject_id = ? AND data_class = 'CONTACT'",
                cardholderId);
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Access-Purpose", "CASE_WORK");

        ResponseEntity<Map<String, Object>> response = clerk.get("/api/v1/cases/" + caseId
                + "/personal-data?fields=CONTACT", headers);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat((Map<String, Object>) response.getBody().get("fields"))
                .containsEntry("CONTACT", Map.of("purged", "CONTACT"));
        assertThat(outcomes(caseId)).containsExactly("PURGED/null/CONTACT");
        ResponseEntity<Map<String, Object>> log = clerk.as("auditor").get("/api/v1/audit/access-records?caseId="
                + caseId);
        assertThat(log.getStatusCode().value()).isEqualTo(200);
        List<Map<String, Object>> items = (List<Map<String, Object>>) log.getBody().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0)).containsEntry("outcome", "PURGED").containsEntry("dataClass", "CONTACT")
                .containsEntry("subjectId", cardholderId.toString());
        assertThat((List<String>) items.get(0).get("flags")).contains("PURGED_READ");
    }

    @Test
    void refusesAndRecordsTheRefusal_whenARoleMayNotReadAPurgedClass() {
        UUID caseId = caseOf("Purged Yet Guarded");
        UUID cardholderId = UUID.fromString((String) clerk.get("/api/v1/cases/" + caseId).getBody().get("cardholderId"));
        dataKeys.destroyKeys(cardholderId, DataClass.CONTACT, new PurgeReference(UUID.randomUUID(), "decision-made"));
        jdbc.update("DELETE FROM read_model.case_sealed_field WHERE subject_id = ? AND data_class = 'CONTACT'",
                cardholderId);
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Access-Purpose", "LEGAL_REQUEST");

        ResponseEntity<Map<String, Object>> response = clerk.get("/api/v1/cases/" + caseId
                + "/personal-data?fields=CONTACT", headers);

        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(outcomes(caseId)).hasSize(1).allMatch(outcome -> outcome.startsWith("REFUSED/"));
    }
}
