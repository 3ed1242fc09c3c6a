package org.mincard.application.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class CardholderImportIT {

    private static final String SITE_A = "a0000000-0000-4000-8000-00000000000a";
    private static final String HEADER = "legacy_reference,site_id,legal_name,date_of_birth,gender_marker,phone,email";

    @Autowired
    CardholderImport cardholderImport;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    LegacyReferences references;

    @Test
    void importsValidRows_asSubmittedCasesInTheIntakeQueue_sealedAndFoundByName() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = HEADER + "\r\n"
                + "L-" + run + "-1," + SITE_A + ",Ximena Importada" + run + ",1984-02-29,X,+1 312 555 0100,\r\n"
                + "L-" + run + "-2," + SITE_A + ",\"Quoted, Name" + run + "\",1950-07-01,,,q" + run + "@example.org\n"
                + "L-" + run + "-3," + SITE_A + ",Plain Person" + run + ",2015-12-31,,,\n";
        long eventsBefore = events();

        ImportReport report = cardholderImport.run(new StringReader(csv), 3);

        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.refused()).isZero();
        assertThat(report.complete()).isTrue();
        assertThat(events() - eventsBefore).isEqualTo(3);
        List<UUID> cases = casesOf(run);
        assertThat(cases).hasSize(3);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT queue FROM read_model.work_queue_item WHERE case_id = ANY (?::uuid[])", String.class,
                "{" + String.join(",", cases.stream().map(UUID::toString).toList()) + "}"))
                .containsOnly("INTAKE").hasSize(3));
        for (UUID caseId : cases) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    get("/api/v1/cases/" + caseId).getBody()).containsEntry("state", "SUBMITTED")
                    .containsEntry("siteId", SITE_A).containsEntry("type", "NEW"));
        }
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM vault.data_key k JOIN lookup.legacy_reference r ON r.cardholder_id = k.subject_id
                WHERE r.case_id = ANY (?::uuid[])""", Long.class,
                "{" + String.join(",", cases.stream().map(UUID::toString).toList()) + "}"))
                .as("a card record key per person, a contact key for the two with contact data").isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT case_id) FROM lookup.name_token WHERE case_id = ANY"
                + " (?::uuid[])", Long.class, "{" + String.join(",", cases.stream().map(UUID::toString).toList())
                + "}")).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE position(convert_to(?, 'UTF8')"
                + " IN payload) > 0", Long.class, "Importada" + run)).as("no plaintext name in events").isZero();
        for (UUID caseId : cases) {
            ResponseEntity<Map<String, Object>> checkIn = rest.withBasicAuth("clerk-a", "test-password").exchange(
                    "/api/v1/cases/" + caseId + "/check-in", HttpMethod.POST, new HttpEntity<>(Map.of()),
                    new ParameterizedTypeReference<>() {
                    });
            assertThat(checkIn.getStatusCode().value())
                    .as("a clerk works an imported case at once: its command-side lookup row was written with it")
                    .isEqualTo(200);
            assertThat(checkIn.getBody()).containsEntry("state", "CHECKED_IN");
            ResponseEntity<Map<String, Object>> review = rest.withBasicAuth("clerk-a", "test-password").exchange(
                    "/api/v1/cases/" + caseId + "/review", HttpMethod.POST, new HttpEntity<>(Map.of("documents",
                            List.of(Map.of("type", "US_PASSPORT")), "clerkNotes", "seen in person")),
                    new ParameterizedTypeReference<>() {
                    });
            assertThat(review.getStatusCode().value())
                    .as("a review is built from the case's command-side lookup row, written with the import")
                    .isEqualTo(200);
        }
    }

    @Test
    void runningTheSameFileAgain_importsNobodyTwice() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = HEADER + "\n"
                + "R-" + run + "-1," + SITE_A + ",Again One,1970-01-01,,,\n"
                + "R-" + run + "-2," + SITE_A + ",Again Two,1971-01-01,,,\n";
        ImportReport first = cardholderImport.run(new StringReader(csv), 2);
        long eventsAfterFirst = events();

        ImportReport second = cardholderImport.run(new StringReader(csv + "R-" + run + "-3," + SITE_A
                + ",Again Three,1972-01-01,,,\n"), 3);

        assertThat(first.imported()).isEqualTo(2);
        assertThat(second.imported()).isEqualTo(1);
        assertThat(second.alreadyImported()).isEqualTo(2);
        assertThat(second.complete()).isTrue();
        assertThat(events() - eventsAfterFirst).isEqualTo(1);
    }

    @Test
    void everyRowRule_isReportedByLineAndRule_neverByValue_andNothingOfTheRowIsStored(CapturedOutput output)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String canary = "Canary" + run;
        String ok = "V-" + run + "-ok," + SITE_A + ",Valid " + canary + ",1990-01-01,,,";
        String csv = String.join("\n",
                HEADER,                                                                                   // 1
                ok,                                                                                       // 2
                "V-" + run + "-a," + SITE_A + ",\"Broken " + canary + "\"x,1990-01-01,,,",                // 3
                "V-" + run + "-b," + SITE_A + "," + canary + ",1990-01-01,,",                             // 4
                "," + SITE_A + "," + canary + ",1990-01-01,,,",                                           // 5
                "V-" + run + "-" + "x".repeat(130) + "," + SITE_A + "," + canary + ",1990-01-01,,,",      // 6
                "V-" + run + "-c,not-a-site-" + canary + "," + canary + ",1990-01-01,,,",                 // 7
                "V-" + run + "-d," + SITE_A + "," + canary + ",01/02/1990,,,",                            // 8
                "V-" + run + "-e," + SITE_A + ",,1990-01-01,,,",                                          // 9
                "V-" + run + "-f," + SITE_A + "," + canary + "x".repeat(200) + ",1990-01-01,,,",          // 10
                "V-" + run + "-g," + SITE_A + "," + canary + ",1990-01-01,,call " + canary + ",",         // 11
                "V-" + run + "-h," + SITE_A + "," + canary + ",1990-01-01,,,not-an-email-" + canary,      // 12
                "V-" + run + "-i," + SITE_A + "," + canary + ",1899-12-31,,,",                            // 13
                "V-" + run + "-j," + SITE_A + "," + canary + ",2999-01-01,,,",                            // 14
                "V-" + run + "-k," + SITE_A + "," + canary + ",1990-01-01," + "g".repeat(41) + ",,",      // 15
                ok,                                                                                       // 16
                "V-" + run + "-l," + SITE_A + ",\"Open " + canary + ",1990-01-01,,,") + "\n";             // 17
        long eventsBefore = events();

        ImportReport report = cardholderImport.run(new StringReader(csv), 16);

        assertThat(report.refusals()).extracting(ImportReport.Refusal::line, ImportReport.Refusal::field,
                ImportReport.Refusal::rule).containsExactly(
                tuple(3, null, "malformed-csv"),
                tuple(4, null, "wrong-cell-count"),
                tuple(5, "legacy_reference", "required"),
                tuple(6, "legacy_reference", "longer-than-128"),
                tuple(7, "site_id", "not-a-uuid"),
                tuple(8, "date_of_birth", "not-an-iso-date"),
                tuple(9, "legal_name", "must not be blank"),
                tuple(10, "legal_name", "size must be between 0 and 200"),
                tuple(11, "phone", "must be a phone number"),
                tuple(12, "email", "must be a well-formed email address"),
                tuple(13, "date_of_birth", "must be after 1900-01-01"),
                tuple(14, "date_of_birth", "must be a date in the past or in the present"),
                tuple(15, "gender_marker", "size must be between 0 and 40"),
                tuple(16, "legacy_reference", "same-as-line-2"),
                tuple(17, null, "malformed-csv"));
        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.rows()).isEqualTo(16);
        assertThat(report.complete()).isFalse();
        assertThat(events() - eventsBefore).isEqualTo(1);
        assertThat(new ObjectMapper().findAndRegisterModules().writeValueAsString(report)).doesNotContain(canary)
                .doesNotContain("V-" + run);
        assertThat(output.getAll()).doesNotContain(canary).doesNotContain("V-" + run).contains("line 7 refused");
    }

    @Test
    void aForbiddenOrUnknownColumn_refusesTheWholeFileByItsHeader() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = "legacy_reference,site_id,legal_name,date_of_birth,Social_Security_Number,immigrationStatus,"
                + "favourite_colour\n" + "F-" + run + "," + SITE_A + ",Forbidden Header,1990-01-01,078-05-1120,X,red\n";
        long eventsBefore = events();

        ImportReport report = cardholderImport.run(new StringReader(csv), 1);

        assertThat(report.fileRefused()).isTrue();
        assertThat(report.refusals()).extracting(ImportReport.Refusal::line, ImportReport.Refusal::field,
                ImportReport.Refusal::rule).containsExactly(
                tuple(1, "column 5", "forbidden-field:social-security-number"),
                tuple(1, "column 6", "forbidden-field:immigration-status"),
                tuple(1, "column 7", "unknown-column"));
        assertThat(report.imported()).isZero();
        assertThat(report.rows()).isZero();
        assertThat(events()).isEqualTo(eventsBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM lookup.legacy_reference WHERE reference_index = ?",
                Long.class, (Object) references.indexOf("F-" + run))).isZero();
    }

    private static Tuple tuple(long line, String field, String rule) {
        return Tuple.tuple(line, field, rule);
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    /** The case ids imported under references containing {@code run}, found through their blind index. */
    private List<UUID> casesOf(String run) {
        return List.of(1, 2, 3).stream().map(i -> jdbc.queryForObject(
                "SELECT case_id FROM lookup.legacy_reference WHERE reference_index = ?", UUID.class,
                (Object) references.indexOf("L-" + run + "-" + i))).toList();
    }

    private ResponseEntity<Map<String, Object>> get(String path) {
        return rest.withBasicAuth("supervisor", "test-password").exchange(path, HttpMethod.GET,
                new HttpEntity<>(new HttpHeaders()), new ParameterizedTypeReference<>() {
                });
    }
}
