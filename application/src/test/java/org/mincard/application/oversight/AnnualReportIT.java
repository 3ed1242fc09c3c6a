package org.mincard.application.oversight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small scenario on its own database, counted by hand: four cases (three at site A, one at site B) and four
 * requests (three by immigration enforcement under an administrative subpoena, one by local police under a
 * judicial warrant; one of them decided PARTIAL). Threshold 3: counts 1 and 2 show as "<3".
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

    private final int year = LocalDate.now(ZoneOffset.UTC).getYear();

    @BeforeAll
    void scenario() throws Exception {
        submit("clerk-a", SITE_A);
        submit("clerk-a", SITE_A);
        submit("clerk-a", SITE_A);
        submit("clerk-b", SITE_B);
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

        assertThat(section(report, "casesByType")).isEqualTo(json.readTree("{\"NEW\": 4}"));
        assertThat(section(report, "casesBySite")).isEqualTo(json.readTree(
                "{\"" + SITE_A + "\": 3, \"" + SITE_B + "\": \"<3\"}"));
        assertThat(section(report, "requestsByRequesterType")).isEqualTo(json.readTree(
                "{\"IMMIGRATION_ENFORCEMENT\": 3, \"LOCAL_POLICE\": \"<3\"}"));
        assertThat(section(report, "requestsByInstrument")).isEqualTo(json.readTree(
                "{\"ADMINISTRATIVE_SUBPOENA\": 3, \"JUDICIAL_WARRANT\": \"<3\"}"));
        assertThat(section(report, "requestsByDecision")).isEqualTo(json.readTree(
                "{\"PARTIAL\": \"<3\", \"UNDECIDED\": 3}"));
        assertThat(section(report, "cards")).isEqualTo(json.readTree(
                "{\"issued\": 0, \"renewed\": 0, \"replaced\": 0, \"updated\": 0, \"revoked\": 0}"));
        assertThat(noteOf(report, "purges")).contains("not available until retention lands".substring(1));
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

    private String noteOf(JsonNode report, String key) {
        for (JsonNode section : report.get("sections")) {
            if (section.get("key").asText().equals(key)) {
                return section.get("note").asText();
            }
        }
        throw new AssertionError("no section " + key);
    }

    private void submit(String clerk, UUID site) {
        ResponseEntity<String> created = exchange(HttpMethod.POST, clerk, "/api/v1/cases", Map.of(
                "type", "NEW", "siteId", site.toString(),
                "applicant", Map.of("legalName", "Ana Example", "dateOfBirth", "1990-04-01", "genderMarker", "X")),
                MediaType.APPLICATION_JSON);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    }

    private UUID register(String requesterType, String instrument) throws Exception {
        ResponseEntity<String> created = exchange(HttpMethod.POST, "records-officer", "/api/v1/requests", Map.of(
                "requesterType", requesterType, "instrument", instrument, "caseIds", List.of(),
                "subjectIds", List.of(), "scopeDescription", "Records of one program year",
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
