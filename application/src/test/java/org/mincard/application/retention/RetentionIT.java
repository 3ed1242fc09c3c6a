package org.mincard.application.retention;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.mincard.application.MovableClock;
import org.mincard.application.retention.compliance.RetentionForecast;
import org.mincard.application.retention.manifest.ManifestSigner;
import org.mincard.application.vault.AccessContext;
import org.mincard.application.vault.AccessPurpose;
import org.mincard.application.vault.CanaryScan;
import org.mincard.application.vault.PersonalDataGate;
import org.mincard.application.vault.Unsealed;
import org.mincard.domain.casefile.CaseSubmitted;
import org.mincard.domain.casefile.DocumentsReviewed;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention end to end with a moved clock: cards issued, cases denied and no-shows, a legal hold; sweeps purge each
 * class exactly when every reason to keep it has ended, manifests chain and verify (also with openssl), and the
 * compliance check, recomputed from the event store alone, finds no violation and no early purge.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mincard.retention.compliance-grace=PT1H")
class RetentionIT {

    @TestConfiguration
    static class ClockConfig {

        @Bean
        @Primary
        MovableClock testClock() {
            return new MovableClock(Instant.parse("2026-01-05T15:00:00Z"));
        }
    }

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    EventStore eventStore;

    @Autowired
    RetentionForecast forecasts;

    @Autowired
    PersonalDataGate gate;

    @Autowired
    ManifestSigner signer;

    @Autowired
    DataSource dataSource;

    private static final Actor CLERK = new Actor("clerk-a", Role.CLERK, Set.of(RetentionApi.SITE_A), false);

    private RetentionApi clerk;
    private RetentionApi supervisor;
    private RetentionApi officer;
    private RetentionApi auditor;

    private UUID issueOnSite(String name) {
        UUID caseId = clerk.submit(RetentionApi.application(name));
        clerk.act(caseId, "check-in");
        clerk.awaitState(caseId, "CHECKED_IN");
        clerk.act(caseId, "review", RetentionApi.review("seen " + name));
        clerk.act(caseId, "approve");
        clerk.awaitState(caseId, "APPROVED");
        clerk.act(caseId, "produce-card");
        clerk.act(caseId, "hand-over");
        clerk.awaitState(caseId, "HANDED_OVER");
        return caseId;
    }

    private UUID deny(String name) {
        UUID caseId = clerk.submit(RetentionApi.application(name));
        clerk.act(caseId, "check-in");
        clerk.awaitState(caseId, "CHECKED_IN");
        clerk.act(caseId, "review", RetentionApi.review("seen " + name));
        clerk.act(caseId, "deny", Map.of("reason", "RESIDENCY_NOT_SHOWN"));
        clerk.awaitState(caseId, "DENIED");
        return caseId;
    }

    private UUID noShow(String name) {
        UUID caseId = clerk.submit(RetentionApi.application(name));
        clerk.act(caseId, "mark-no-show");
        clerk.awaitState(caseId, "NO_SHOW");
        return caseId;
    }

    private UUID holderOf(UUID caseId) {
        return UUID.fromString((String) clerk.get("/api/v1/cases/" + caseId).getBody().get("cardholderId"));
    }

    /** The gate's answer for each sealed value the case's own events carry, by class. */
    private Map<DataClass, Boolean> readable(UUID caseId) {
        List<SealedValue> values = new ArrayList<>();
        eventStore.readEvents(caseId.toString()).asStream().map(DomainEventMessage::getPayload).forEach(payload -> {
            if (payload instanceof CaseSubmitted submitted) {
                values.add(submitted.cardRecord());
                values.add(submitted.contact());
                values.add(submitted.delivery());
            } else if (payload instanceof DocumentsReviewed reviewed) {
                values.add(reviewed.review());
            }
        });
        Map<DataClass, Boolean> readable = new EnumMap<>(DataClass.class);
        for (SealedValue value : values) {
            if (value == null) {
                continue;
            }
            Unsealed answer = gate.unseal(CLERK, AccessPurpose.CASE_WORK,
                    AccessContext.ofCase(caseId, RetentionApi.SITE_A), value);
            readable.put(value.key().dataClass(), answer instanceof Unsealed.Shown);
        }
        return readable;
    }

    private int liveKeys(UUID holder) {
        return jdbc.queryForObject("SELECT count(*) FROM vault.data_key WHERE subject_id = ? AND wrapped_key IS NOT NULL",
                Integer.class, holder);
    }

    private void awaitScheduled(UUID holder, DataClass dataClass) {
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM retention.schedule_item WHERE cardholder_id = ? AND data_class = ?",
                Integer.class, holder, dataClass.name()) == 1);
    }

    private Map<String, Object> compliance() {
        ResponseEntity<Map<String, Object>> report = auditor.get("/api/v1/retention/compliance");
        assertThat(report.getStatusCode().value()).isEqualTo(200);
        return report.getBody();
    }

    @Test
    @SuppressWarnings("unchecked")
    void purgesEachClassWhenEveryReasonEnded_andProvesItToAnAuditor() throws Exception {
        clerk = new RetentionApi(rest, "clerk-a");
        supervisor = clerk.as("supervisor");
        officer = clerk.as("records-officer");
        auditor = clerk.as("auditor");
        String marker = "Canary" + UUID.randomUUID().toString().replace("-", "");

        UUID issued = issueOnSite("Ana " + marker);
        UUID denied = deny("Bo Denied");
        UUID noShow = noShow("Cy NoShow");
        UUID heldCase = deny("Di Held");
        UUID issuedHolder = holderOf(issued);
        UUID deniedHolder = holderOf(denied);
        UUID noShowHolder = holderOf(noShow);
        UUID heldHolder = holderOf(heldCase);
        ResponseEntity<Map<String, Object>> hold = officer.post("/api/v1/retention/holds", Map.of(
                "subjectIds", List.of(heldHolder.toString()), "reason", "LITIGATION_PENDING",
                "authority", "CC-2026-7"));
        assertThat(hold.getStatusCode().value()).as("%s", hold.getBody()).isEqualTo(201);
        assertThat(officer.get("/api/v1/retention/policy").getBody())
                .containsEntry("profile", "in-person-minimal").containsEntry("version", "2026.1");
        awaitScheduled(issuedHolder, DataClass.REVIEW);
        awaitScheduled(heldHolder, DataClass.REVIEW);

        clock.advance(Duration.ofMinutes(1));
        Map<String, Object> first = officer.sweep();

        // Approved and picked up: contact, delivery and review end at the decision or pickup; the card record stays.
        assertThat(readable(issued)).containsEntry(DataClass.CARD_RECORD, true)
                .containsEntry(DataClass.CONTACT, false).containsEntry(DataClass.DELIVERY, false)
                .containsEntry(DataClass.REVIEW, false);
        // No-show: contact and delivery at once, the card record 30 days later.
        assertThat(readable(noShow)).containsEntry(DataClass.CARD_RECORD, true)
                .containsEntry(DataClass.CONTACT, false).containsEntry(DataClass.DELIVERY, false);
        // Denied: nothing before the appeal window closes.
        assertThat(readable(denied)).doesNotContainValue(false);
        assertThat(first).containsEntry("purged", 5).containsEntry("held", 0).containsEntry("failed", 0);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM read_model.case_sealed_field WHERE subject_id = ? AND data_class <> 'CARD_RECORD'
                """, Integer.class, issuedHolder)).isZero();

        clock.advance(Duration.ofDays(31));
        Map<String, Object> before = compliance();
        assertThat((List<Object>) before.get("violations")).as("overdue before the sweep").isNotEmpty();
        Map<String, Object> forecast = officer.get("/api/v1/retention/forecast?until="
                + clock.instant().atOffset(ZoneOffset.UTC).toLocalDate()).getBody();
        assertThat(forecast).containsEntry("held", 4).containsEntry("due", 5);
        RetentionForecast.Months months = forecasts.byMonth(ZoneOffset.UTC, 3);
        RetentionForecast.Forecast untilLastMonth = forecasts.until(months.months().get(2).atEndOfMonth());
        assertThat(months.months()).first().isEqualTo(YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC)));
        assertThat(months.rows().stream().filter(row -> row.month().equals(months.months().get(0)))
                .mapToInt(RetentionForecast.MonthRow::due).sum()).isGreaterThanOrEqualTo(5);
        assertThat(months.rows().stream().mapToInt(RetentionForecast.MonthRow::due).sum())
                .isEqualTo(untilLastMonth.due());
        assertThat(months.rows().stream().mapToInt(RetentionForecast.MonthRow::held).sum())
                .isEqualTo(untilLastMonth.held()).isGreaterThanOrEqualTo(4);

        Map<String, Object> second = officer.sweep();

        assertThat(second).containsEntry("purged", 5).containsEntry("held", 4);
        assertThat(readable(denied)).doesNotContainValue(true).containsKeys(DataClass.CARD_RECORD, DataClass.REVIEW);
        assertThat(readable(noShow)).doesNotContainValue(true);
        assertThat(readable(heldCase)).doesNotContainValue(false);
        assertThat(readable(issued)).containsEntry(DataClass.CARD_RECORD, true);
        assertThat(liveKeys(deniedHolder)).isZero();
        assertThat(liveKeys(noShowHolder)).isZero();

        String holdId = (String) hold.getBody().get("holdId");
        assertThat(officer.post("/api/v1/retention/holds/" + holdId + "/release",
                Map.of("authority", "26-CV-0101")).getStatusCode().value()).isEqualTo(200);
        Map<String, Object> third = officer.sweep();
        assertThat(third).containsEntry("purged", 4).containsEntry("held", 0);
        assertThat(readable(heldCase)).doesNotContainValue(true);
        assertThat(officer.sweep()).as("a repeated sweep purges nothing").containsEntry("total", 0);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM lookup.name_token WHERE cardholder_id = ?",
                Integer.class, issuedHolder)).as("the holder is still findable by name").isPositive();
        // Past expiry (5 years) plus the grace period (6 months): the card record lapses.
        clock.advance(Duration.ofDays(365 * 5 + 190));
        Map<String, Object> lapsed = officer.sweep();
        assertThat(lapsed).containsEntry("purged", 1);
        assertThat(readable(issued)).doesNotContainValue(true);
        assertThat(liveKeys(issuedHolder)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM lookup.card WHERE cardholder_id = ? AND number_index IS NOT NULL",
                Integer.class, issuedHolder)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM lookup.name_token WHERE cardholder_id = ?",
                Integer.class, issuedHolder)).as("name-search entries go with the card record").isZero();

        Map<String, Object> after = compliance();
        assertThat((List<Object>) after.get("violations")).isEmpty();
        assertThat((List<Object>) after.get("earlyPurges")).isEmpty();
        assertThat((List<Object>) after.get("purgedWhileHeld")).isEmpty();
        assertThat(after).containsEntry("purges", 15);

        assertThat(CanaryScan.scanDatabase(dataSource, List.of(marker))).isEmpty();
        verifyManifests(5);
    }

    @SuppressWarnings("unchecked")
    private void verifyManifests(int expected) throws Exception {
        Map<String, Object> page = auditor.get("/api/v1/retention/manifests?size=100").getBody();
        List<Map<String, Object>> summaries = (List<Map<String, Object>>) page.get("manifests");
        assertThat(summaries).hasSize(expected);
        String pem = auditor.getText("/api/v1/retention/signing-key").getBody();
        assertThat(pem).isEqualTo(signer.publicKeyPem());
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                .decode(pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""))));
        String previous = null;
        for (int i = summaries.size() - 1; i >= 0; i--) {
            String sweepId = (String) summaries.get(i).get("sweepId");
            Map<String, Object> signed = auditor.get("/api/v1/retention/manifests/" + sweepId).getBody();
            byte[] manifest = ((String) signed.get("manifest")).getBytes(StandardCharsets.UTF_8);
            byte[] signature = Base64.getDecoder().decode((String) signed.get("signature"));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(manifest);
            assertThat(verifier.verify(signature)).as("signature of %s", sweepId).isTrue();
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest));
            assertThat(signed.get("sha256")).isEqualTo(hash);
            assertThat((String) signed.get("manifest")).contains("\"previousManifestSha256\":"
                    + (previous == null ? "null" : "\"" + previous + "\""));
            assertThat((String) signed.get("manifest")).contains("\"sweepId\":\"" + sweepId + "\"");
            previous = hash;
            if (i == 0) {
                verifyWithOpenssl(pem, manifest, signature);
            }
        }
    }

    /** The auditor's offline check from docs/retention.md, if openssl is installed. */
    private static void verifyWithOpenssl(String pem, byte[] manifest, byte[] signature) throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        if (!Files.isExecutable(openssl)) {
            return;
        }
        Path directory = Files.createTempDirectory(Path.of("target"), "manifest-check");
        Files.writeString(directory.resolve("key.pem"), pem);
        Files.write(directory.resolve("manifest.json"), manifest);
        Files.write(directory.resolve("manifest.sig"), signature);
        Process good = new ProcessBuilder(openssl.toString(), "pkeyutl", "-verify", "-pubin", "-inkey", "key.pem",
                "-rawin", "-in", "manifest.json", "-sigfile", "manifest.sig")
                .directory(directory.toFile()).redirectErrorStream(true).start();
        assertThat(good.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(good.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(good.exitValue()).as(output).isZero();
        assertThat(output).contains("Signature Verified Successfully");

        byte[] tampered = manifest.clone();
        tampered[tampered.length / 2] ^= 1;
        Files.write(directory.resolve("manifest.json"), tampered);
        Process bad = new ProcessBuilder(openssl.toString(), "pkeyutl", "-verify", "-pubin", "-inkey", "key.pem",
                "-rawin", "-in", "manifest.json", "-sigfile", "manifest.sig")
                .directory(directory.toFile()).redirectErrorStream(true).start();
        assertThat(bad.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isNotZero();
    }
}
