package org.mincard.application.casefile;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mincard.domain.casefile.SubmitCase;
import org.mincard.domain.personaldata.CardRecord;
import org.mincard.domain.personaldata.PersonalDataSealer;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.ActorMetadataFormat;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mincard.application.casefile.CaseApi.SITE_A;

/**
 * Commands are built from the command-side case lookup, never from the eventually consistent case view: a client
 * acting right after its own successful command never gets 404 (issue 16, ADR 0019).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandSideLookupIT {

    private static final int PAIRS = 1_000;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandGateway commands;

    @Autowired
    PersonalDataSealer sealer;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void aCommandRightAfterAnotherBySameClientNeverAnswers404() {
        CaseApi clerk = new CaseApi(rest, "clerk-a");
        List<String> failures = new ArrayList<>();
        int pairs = 0;
        // submit → check-in → review → approve → produce-card → mail: five "command right after a command" pairs
        // per case, the later ones (review, produce-card, mail) needing the case's cardholder and site.
        while (pairs < PAIRS) {
            UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Ana Example", LocalDate.of(1990, 4, 1)));
            for (String[] step : new String[][] {{"check-in"}, {"review"}, {"approve"}, {"produce-card"},
                    {"mail"}}) {
                Object body = step[0].equals("review") ? CaseApi.review("FOREIGN_PASSPORT", "UTILITY_BILL") : Map.of();
                ResponseEntity<Map<String, Object>> answer =
                        clerk.post("/api/v1/cases/" + caseId + "/" + step[0], body);
                pairs++;
                if (answer.getStatusCode().value() != 200) {
                    failures.add(step[0] + " " + answer.getStatusCode().value() + " " + answer.getBody());
                }
            }
        }
        assertThat(failures).as("commands answering other than 200 right after the previous one").isEmpty();
    }

    @Test
    void aClerkOfAnotherSiteGetsTheUniform404FromTheLookup() {
        CaseApi clerk = new CaseApi(rest, "clerk-a");
        UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Ana Example", LocalDate.of(1990, 4, 1)));
        clerk.act(caseId, "check-in");

        ResponseEntity<Map<String, Object>> otherSite = clerk.as("clerk-b").post("/api/v1/cases/" + caseId + "/review",
                CaseApi.review("FOREIGN_PASSPORT", "UTILITY_BILL"));
        ResponseEntity<Map<String, Object>> missing = clerk.post("/api/v1/cases/" + UUID.randomUUID() + "/review",
                CaseApi.review("FOREIGN_PASSPORT", "UTILITY_BILL"));

        assertThat(otherSite.getStatusCode().value()).isEqualTo(404);
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(otherSite.getBody()).containsEntry("title", missing.getBody().get("title"));
    }

    @Test
    void theLookupRowIsWrittenInTheTransactionOfTheEvents() {
        UUID caseId = UUID.randomUUID();
        UUID cardholderId = UUID.randomUUID();
        Actor clerk = new Actor(UUID.randomUUID().toString(), Role.CLERK, Set.of(SITE_A), false);
        SubmitCase submit = new SubmitCase(caseId, CaseType.NEW, SITE_A, cardholderId, AgeBand.ADULT,
                sealer.seal(cardholderId, new CardRecord("Ana Example", LocalDate.of(1990, 4, 1), "X")), null, null,
                null, null, Instant.now());

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(submit)
                    .andMetaData(ActorMetadataFormat.of(clerk)));
            assertThat(lookupRows(caseId)).as("visible inside the command's transaction").isEqualTo(1);
            throw new IllegalStateException("the request fails after the command");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(lookupRows(caseId)).as("lookup rows after the rollback").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, caseId.toString())).as("events after the rollback").isZero();
    }

    private long lookupRows(UUID caseId) {
        return jdbc.queryForObject("SELECT count(*) FROM lookup.case_file WHERE case_id = ?", Long.class, caseId);
    }
}
