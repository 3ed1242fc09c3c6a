package org.mincard.application.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mincard.application.vault.keys.DataKeys;
import org.mincard.domain.personaldata.CardRecord;
import org.mincard.domain.personaldata.Contact;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.Delivery;
import org.mincard.domain.personaldata.PersonalData;
import org.mincard.domain.personaldata.PersonalDataSealer;
import org.mincard.domain.personaldata.Review;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plants a unique marker in every personal field, seals it through the real sealer, stores the sealed values the
 * way events and read models will (bytea and JSON), reads them through the gate, destroys one class's keys, and then
 * looks for every marker in every table, in a pg_dump and in the log: it must be nowhere. The lifecycle work extends
 * this to events, dead letters and projection replays.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class VaultCanaryIT {

    private static final Logger LOG = LoggerFactory.getLogger(VaultCanaryIT.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper STORAGE_JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @Autowired
    PersonalDataSealer sealer;

    @Autowired
    PersonalDataGate gate;

    @Autowired
    DataKeys dataKeys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    Environment environment;

    @Autowired
    TestRestTemplate rest;

    private final List<String> markers = new ArrayList<>();

    @Test
    void noMarkerIsStoredOrLoggedAndADestroyedClassStaysUnreadable_whenPersonalDataIsSealedReadAndPurged(
            CapturedOutput output) throws Exception {
        // The application's role may not create schemas (docs/oversight.md): the schema owner plants the tables.
        SingleConnectionDataSource owner =
                new SingleConnectionDataSource(
                        environment.getRequiredProperty("spring.datasource.url"),
                        environment.getProperty("spring.flyway.user",
                                environment.getProperty("spring.datasource.username")),
                        environment.getProperty("spring.flyway.password",
                                environment.getProperty("spring.datasource.password")), true);
        new JdbcTemplate(owner).execute("""
                CREATE SCHEMA IF NOT EXISTS canary;
                CREATE TABLE IF NOT EXISTS canary.sealed_value (
                    subject_id uuid, data_class text, ciphertext bytea, as_json text, as_jsonb jsonb);
                CREATE TABLE IF NOT EXISTS canary.control (as_text text, as_bytes bytea, as_base64 text)""");
        owner.destroy();
        Map<SealedValue, PersonalData> planted = new LinkedHashMap<>();
        for (int subject = 0; subject < 5; subject++) {
            UUID subjectId = UUID.randomUUID();
            for (PersonalData data : List.of(
                    new CardRecord(marker(), LocalDate.of(1970 + subject, 1, 2), marker()),
                    new Contact(marker(), marker() + "@example.org"),
                    new Delivery(marker(), marker(), marker(), marker(), marker(), marker()),
                    new Review(List.of(new Review.DocumentPresented(marker())), marker(), marker()))) {
                SealedValue sealed = sealer.seal(subjectId, data);
                String json = STORAGE_JSON.writeValueAsString(sealed);
                jdbc.update("INSERT INTO canary.sealed_value VALUES (?, ?, ?, ?, ?::jsonb)",
                        subjectId, sealed.dataClass().name(), sealed.ciphertext(), json, json);
                planted.put(sealed, data);
            }
        }
        String refused = marker();
        assertThat(postCase("\"socialSecurityNumber\":\"" + refused + "\"").getStatusCode())
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        String unknown = marker();
        assertThat(postCase("\"nickname\":\"" + unknown + "\"").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        Actor clerk = new Actor("canary-clerk", Role.CLERK, Set.of(), false);
        List<UnsealRequest> all = planted.keySet().stream()
                .map(sealed -> new UnsealRequest(sealed, AccessContext.none())).toList();

        List<Unsealed> beforePurge = gate.unsealAll(clerk, AccessPurpose.CASE_WORK, all);
        planted.keySet().stream().map(sealed -> sealed.key().subjectId()).distinct().forEach(subjectId ->
                dataKeys.destroyKeys(subjectId, DataClass.CONTACT, new PurgeReference(UUID.randomUUID(), "canary")));
        List<Unsealed> afterPurge = gate.unsealAll(clerk, AccessPurpose.CASE_WORK, all);

        List<PersonalData> expected = List.copyOf(planted.values());
        assertThat(beforePurge).extracting(answer -> ((Unsealed.Shown) answer).data())
                .containsExactlyElementsOf(expected);
        for (int i = 0; i < all.size(); i++) {
            if (expected.get(i).dataClass() == DataClass.CONTACT) {
                assertThat(afterPurge.get(i)).isEqualTo(new Unsealed.Purged(DataClass.CONTACT));
            } else {
                PersonalData original = expected.get(i);
                assertThat(afterPurge.get(i)).isInstanceOfSatisfying(Unsealed.Shown.class,
                        shown -> assertThat(shown.data()).isEqualTo(original));
            }
        }
        assertScannersWork(output);
        assertThat(CanaryScan.scanDatabase(dataSource, markers)).as("markers in the database").isEmpty();
        assertThat(CanaryScan.scanPgDump(dataSource, markers)).as("markers in pg_dump").isEmpty();
        assertThat(CanaryScan.scanText("log", output.getAll(), markers)).as("markers in the log").isEmpty();
    }

    /** The scanners find a marker in each form they claim to search, so an empty result means something. */
    private void assertScannersWork(CapturedOutput output) throws Exception {
        String inText = marker();
        String inBytes = marker();
        String inBase64 = marker();
        String inLog = marker();
        markers.removeAll(List.of(inText, inBytes, inBase64, inLog));
        jdbc.update("INSERT INTO canary.control VALUES (?, ?, ?)", "x" + inText + "y",
                ("{\"a\":\"" + inBytes + "\"}").getBytes(StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(("zz" + inBase64 + "!").getBytes(StandardCharsets.UTF_8)));
        LOG.info("control marker {}", inLog);
        List<String> controls = List.of(inText, inBytes, inBase64, inLog);

        assertThat(CanaryScan.scanDatabase(dataSource, controls)).extracting(CanaryScan.Hit::marker)
                .contains(inText, inBytes, inBase64).doesNotContain(inLog);
        assertThat(CanaryScan.scanPgDump(dataSource, controls)).extracting(CanaryScan.Hit::marker)
                .contains(inText, inBytes, inBase64);
        assertThat(CanaryScan.scanText("log", output.getAll(), controls)).extracting(CanaryScan.Hit::marker)
                .containsOnly(inLog);
    }

    private ResponseEntity<String> postCase(String extraField) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String json = "{\"type\":\"NEW\",\"siteId\":\"" + UUID.randomUUID() + "\"," + extraField + "}";
        return rest.withBasicAuth("test-clerk", "test-password")
                .postForEntity("/api/v1/cases", new HttpEntity<>(json, headers), String.class);
    }

    private String marker() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder marker = new StringBuilder("Cnry");
        for (int i = 0; i < 20; i++) {
            marker.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        markers.add(marker.toString());
        return marker.toString();
    }
}
