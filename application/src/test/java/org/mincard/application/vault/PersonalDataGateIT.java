package org.mincard.application.vault;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.mincard.application.vault.keys.DataKeys;
import org.mincard.application.web.ProblemException;
import org.mincard.domain.personaldata.CardRecord;
import org.mincard.domain.personaldata.Contact;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.PersonalDataSealer;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gate as a service; over HTTP it is tested through the case endpoint in CasePersonalDataIT. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mincard.vault.read-limit.max-reads=120")
class PersonalDataGateIT {

    private static final UUID SITE = UUID.randomUUID();

    @Autowired
    PersonalDataSealer sealer;

    @Autowired
    PersonalDataGate gate;

    @Autowired
    DataKeys dataKeys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    MeterRegistry meters;

    @Test
    void showsThePlaintextAndRecordsOneAccess_whenAClerkReadsForCaseWork() {
        UUID subjectId = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        CardRecord card = new CardRecord("Rosa Jiménez", LocalDate.of(1985, 5, 6), null);
        SealedValue sealed = sealer.seal(subjectId, card);
        Actor clerk = new Actor("clerk-" + UUID.randomUUID(), Role.CLERK, Set.of(SITE), false);

        Unsealed unsealed = gate.unseal(clerk, AccessPurpose.CASE_WORK, AccessContext.ofCase(caseId, SITE), sealed);

        assertThat(unsealed).isInstanceOfSatisfying(Unsealed.Shown.class,
                shown -> assertThat(shown.data()).isEqualTo(card));
        assertThat(jdbc.queryForList("""
                SELECT actor_id, actor_role, site_id, case_id, subject_id, data_class, purpose, outcome,
                       refusal_reason, request_reference
                FROM audit.access_record WHERE subject_id = ?""", subjectId))
                .containsExactly(row("actor_id", clerk.userId(), "actor_role", "CLERK", "site_id", SITE,
                        "case_id", caseId, "subject_id", subjectId, "data_class", "CARD_RECORD",
                        "purpose", "CASE_WORK", "outcome", "SHOWN", "refusal_reason", null,
                        "request_reference", null));
    }

    @Test
    void writesOneRecordPerShownItemInOrder_whenAPageOfFiftyIsUnsealed() {
        List<UUID> subjects = IntStream.range(0, 50).mapToObj(i -> UUID.randomUUID()).toList();
        List<UnsealRequest> page = subjects.stream()
                .map(subject -> new UnsealRequest(sealer.seal(subject, new Contact("555-0100", null)),
                        AccessContext.none()))
                .toList();
        Actor supervisor = new Actor("sup-" + UUID.randomUUID(), Role.SUPERVISOR, Set.of(), true);

        List<Unsealed> answers = gate.unsealAll(supervisor, AccessPurpose.SUPERVISOR_REVIEW, page);

        assertThat(answers).hasSize(50).allSatisfy(answer -> assertThat(answer.outcome()).isEqualTo(AccessOutcome.SHOWN));
        List<UUID> logged = jdbc.queryForList("""
                SELECT subject_id FROM audit.access_record WHERE actor_id = ? AND outcome = 'SHOWN'
                ORDER BY access_id""", UUID.class, supervisor.userId());
        assertThat(logged).containsExactlyElementsOf(subjects);
        assertThat(meters.counter("mincard.vault.reads", "outcome", "SHOWN", "dataClass", "CONTACT",
                "purpose", "SUPERVISOR_REVIEW").count()).isGreaterThanOrEqualTo(50);
    }

    @Test
    void refusesAndRecordsTheRefusal_whenAnAuditorAsksForPersonalData() {
        UUID subjectId = UUID.randomUUID();
        SealedValue sealed = sealer.seal(subjectId, new Contact(null, "a@example.org"));
        Actor auditor = new Actor("aud-" + UUID.randomUUID(), Role.AUDITOR, Set.of(), true);

        Unsealed unsealed = gate.unseal(auditor, AccessPurpose.CASE_WORK, AccessContext.none(), sealed);

        assertThat(unsealed).isEqualTo(new Unsealed.Refused(DataClass.CONTACT, RefusalReason.ROLE_NOT_ALLOWED));
        assertThat(outcomes(subjectId)).containsExactly("REFUSED/ROLE_NOT_ALLOWED");
    }

    @Test
    void answersPurgedAndLeavesATombstone_whenTheKeyWasDestroyed() {
        UUID subjectId = UUID.randomUUID();
        SealedValue sealed = sealer.seal(subjectId, new Contact("555-0101", null));
        PurgeReference purge = new PurgeReference(UUID.randomUUID(), "contact-after-pickup");

        int destroyed = dataKeys.destroyKeys(subjectId, DataClass.CONTACT, purge);
        int again = dataKeys.destroyKeys(subjectId, DataClass.CONTACT,
                new PurgeReference(UUID.randomUUID(), "another-rule"));
        Unsealed unsealed = gate.unseal(clerk(), AccessPurpose.CASE_WORK, AccessContext.none(), sealed);

        assertThat(destroyed).isEqualTo(1);
        assertThat(again).isZero();
        assertThat(unsealed).isEqualTo(new Unsealed.Purged(DataClass.CONTACT));
        assertThat(outcomes(subjectId)).containsExactly("PURGED/null");
        assertThat(jdbc.queryForMap("""
                SELECT wrapped_key, destroyed_at IS NOT NULL AS destroyed, purge_sweep_id, purge_rule_id
                FROM vault.data_key WHERE subject_id = ?""", subjectId))
                .containsEntry("wrapped_key", null).containsEntry("destroyed", true)
                .containsEntry("purge_sweep_id", purge.sweepId()).containsEntry("purge_rule_id", purge.ruleId());
    }

    @Test
    void sealsUnderANewKeyVersion_whenNewDataArrivesAfterAPurge() {
        UUID subjectId = UUID.randomUUID();
        SealedValue before = sealer.seal(subjectId, new Contact("555-0102", null));
        dataKeys.destroyKeys(subjectId, DataClass.CONTACT, new PurgeReference(UUID.randomUUID(), "rule"));

        SealedValue after = sealer.seal(subjectId, new Contact("555-0103", null));

        assertThat(before.key().keyVersion()).isEqualTo(1);
        assertThat(after.key().keyVersion()).isEqualTo(2);
        List<Unsealed> answers = gate.unsealAll(clerk(), AccessPurpose.CASE_WORK, List.of(
                new UnsealRequest(before, AccessContext.none()), new UnsealRequest(after, AccessContext.none())));
        assertThat(answers.get(0)).isEqualTo(new Unsealed.Purged(DataClass.CONTACT));
        assertThat(((Unsealed.Shown) answers.get(1)).data(Contact.class).phone()).isEqualTo("555-0103");
    }

    @Test
    void answers429AndRecordsRateLimited_whenAUserReadsMoreThanTheLimit() {
        Actor clerk = clerk();
        UUID subjectId = UUID.randomUUID();
        SealedValue sealed = sealer.seal(subjectId, new Contact("555-0104", null));
        List<UnsealRequest> hundred = IntStream.range(0, 100)
                .mapToObj(i -> new UnsealRequest(sealed, AccessContext.none())).toList();
        gate.unsealAll(clerk, AccessPurpose.CASE_WORK, hundred);

        assertThatThrownBy(() -> gate.unsealAll(clerk, AccessPurpose.CASE_WORK, hundred.subList(0, 30)))
                .isInstanceOfSatisfying(ProblemException.class,
                        problem -> assertThat(problem.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS));

        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit.access_record WHERE actor_id = ? AND outcome = 'RATE_LIMITED'""",
                Long.class, clerk.userId())).isEqualTo(30L);
    }

    @Test
    void refusesUpdatesAndDeletes_whenAnyoneTriesToAlterTheAccessLog() {
        // The application's role has no UPDATE, DELETE or TRUNCATE grant (oversight); the triggers stop the owner.
        UUID subjectId = UUID.randomUUID();
        gate.unseal(clerk(), AccessPurpose.CASE_WORK, AccessContext.none(),
                sealer.seal(subjectId, new Contact("555-0105", null)));

        assertThatThrownBy(() -> jdbc.update(
                "UPDATE audit.access_record SET outcome = 'REFUSED' WHERE subject_id = ?", subjectId))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit.access_record WHERE subject_id = ?", subjectId))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit.access_record"))
                .rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void documentsThePurposeHeader_whenAnEndpointTakesAPurpose() {
        ResponseEntity<String> docs = rest.getForEntity("/v3/api-docs", String.class);

        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody()).contains("\"name\":\"X-Access-Purpose\",\"in\":\"header\"")
                .doesNotContain("\"name\":\"purpose\"");
    }

    private List<String> outcomes(UUID subjectId) {
        return jdbc.queryForList("""
                SELECT outcome || '/' || coalesce(refusal_reason, 'null') FROM audit.access_record
                WHERE subject_id = ? ORDER BY access_id""", String.class, subjectId);
    }

    private static Actor clerk() {
        return new Actor("clerk-" + UUID.randomUUID(), Role.CLERK, Set.of(SITE), false);
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
