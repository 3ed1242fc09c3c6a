package org.mincard.application.casefile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mincard.application.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mincard.application.casefile.CaseApi.SITE_A;

/** Cards over years: the service's clock is moved forward to reach renewal windows and expiry. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CardLifecycleIT {

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

    CaseApi clerk;
    CaseApi supervisor;

    @BeforeEach
    void setUp() {
        clerk = new CaseApi(rest, "clerk-a");
        supervisor = clerk.as("supervisor");
    }

    private UUID issue(Map<String, Object> application) {
        UUID caseId = clerk.submit(application);
        clerk.act(caseId, "check-in");
        clerk.awaitState(caseId, "CHECKED_IN");
        clerk.act(caseId, "review", CaseApi.review("CONSULAR_ID", "SHELTER_LETTER"));
        clerk.act(caseId, "approve");
        clerk.awaitState(caseId, "APPROVED");
        clerk.act(caseId, "produce-card");
        clerk.act(caseId, "hand-over");
        clerk.awaitState(caseId, "HANDED_OVER");
        return caseId;
    }

    private Map<String, Object> changeOf(String type, String cardNumber, String legalName) {
        Map<String, Object> application = CaseApi.newApplication(SITE_A, legalName, LocalDate.of(1980, 6, 15));
        application.put("type", type);
        application.put("cardNumber", cardNumber);
        return new HashMap<>(application);
    }

    private String cardStatus(Object cardId) {
        return jdbc.queryForObject("SELECT status FROM lookup.card WHERE card_id = ?::uuid", String.class, cardId);
    }

    private LocalDate expiry(Object cardId) {
        return jdbc.queryForObject("SELECT expires_on FROM lookup.card WHERE card_id = ?::uuid", LocalDate.class,
                cardId);
    }

    @Test
    void cardIsRenewedInItsWindowThenRevokedAndReinstated() {
        UUID firstCase = issue(CaseApi.newApplication(SITE_A, "Rae Renewal", LocalDate.of(1980, 6, 15)));
        Map<String, Object> first = clerk.awaitState(firstCase, "HANDED_OVER");
        String firstNumber = clerk.cardNumberOf(firstCase);
        assertThat(expiry(first.get("cardId"))).isEqualTo(LocalDate.of(2031, 1, 5));

        ResponseEntity<Map<String, Object>> early = clerk.post("/api/v1/cases",
                changeOf("RENEWAL", firstNumber, "Rae Renewal"));
        assertThat(early.getStatusCode().value()).isEqualTo(409);
        assertThat(early.getBody()).containsEntry("code", "card-not-eligible");

        clock.advance(Duration.ofDays(365L * 5 - 30));
        UUID renewal = issue(changeOf("RENEWAL", firstNumber, "Rae Renewal"));

        Map<String, Object> renewed = clerk.awaitState(renewal, "HANDED_OVER");
        assertThat(renewed).containsEntry("type", "RENEWAL").containsEntry("cardholderId", first.get("cardholderId"))
                .containsEntry("previousCardId", first.get("cardId"));
        assertThat(cardStatus(first.get("cardId"))).isEqualTo("SUPERSEDED");
        assertThat(cardStatus(renewed.get("cardId"))).isEqualTo("ACTIVE");
        String renewedNumber = clerk.cardNumberOf(renewal);
        assertThat(renewedNumber).isNotEqualTo(firstNumber);

        assertThat(clerk.post("/api/v1/cards/" + renewedNumber + "/revoke", Map.of("reason", "FRAUD"))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(supervisor.post("/api/v1/cards/" + renewedNumber + "/revoke", Map.of("reason", "FRAUD"))
                .getBody()).containsEntry("status", "REVOKED");
        assertThat(cardStatus(renewed.get("cardId"))).isEqualTo("REVOKED");
        ResponseEntity<Map<String, Object>> again = supervisor.post("/api/v1/cards/" + renewedNumber + "/revoke",
                Map.of("reason", "FRAUD"));
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody()).containsEntry("currentState", "REVOKED");
        assertThat(supervisor.post("/api/v1/cards/" + renewedNumber + "/reinstate", Map.of()).getBody())
                .containsEntry("status", "ACTIVE");
        ResponseEntity<Map<String, Object>> oldCard = supervisor.post("/api/v1/cards/" + firstNumber + "/reinstate",
                Map.of());
        assertThat(oldCard.getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void lostCardIsReplacedKeepingItsExpiry() {
        UUID firstCase = issue(CaseApi.newApplication(SITE_A, "Lee Lost", LocalDate.of(1990, 1, 1)));
        Map<String, Object> first = clerk.awaitState(firstCase, "HANDED_OVER");
        String number = clerk.cardNumberOf(firstCase);

        assertThat(clerk.post("/api/v1/cards/" + number + "/report-lost", Map.of("reason", "STOLEN")).getBody())
                .containsEntry("status", "REPORTED_LOST");
        Map<String, Object> replacement = changeOf("REPLACEMENT", number, "Lee Lost");
        replacement.put("replacementReason", "STOLEN");
        UUID replacementCase = issue(replacement);

        Map<String, Object> replaced = clerk.awaitState(replacementCase, "HANDED_OVER");
        assertThat(cardStatus(first.get("cardId"))).isEqualTo("SUPERSEDED");
        assertThat(expiry(replaced.get("cardId"))).isEqualTo(expiry(first.get("cardId")));
    }

    @Test
    void childsCardRunsTwoYearsAndSeniorsCardNeverExpires() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        UUID child = issue(CaseApi.newApplication(SITE_A, "Kid Card", today.minusYears(10)));
        UUID senior = issue(CaseApi.newApplication(SITE_A, "Old Card", today.minusYears(70)));

        Map<String, Object> childView = clerk.awaitState(child, "HANDED_OVER");
        Map<String, Object> seniorView = clerk.awaitState(senior, "HANDED_OVER");

        assertThat(childView).containsEntry("ageBand", "CHILD");
        assertThat(expiry(childView.get("cardId"))).isEqualTo(today.plusYears(2));
        assertThat(seniorView).containsEntry("ageBand", "SENIOR");
        assertThat(expiry(seniorView.get("cardId"))).isNull();
    }

    @Test
    void unknownOrMalformedCardNumbersAreAnsweredWithoutLeaking() {
        assertThat(supervisor.post("/api/v1/cards/1234/revoke", Map.of("reason", "FRAUD")).getStatusCode().value())
                .isEqualTo(400);
        assertThat(supervisor.post("/api/v1/cards/4000000000000002/revoke", Map.of("reason", "FRAUD"))
                .getStatusCode().value()).isEqualTo(404);
        ResponseEntity<Map<String, Object>> renewal = clerk.post("/api/v1/cases",
                changeOf("RENEWAL", "4000000000000002", "Nobody"));
        assertThat(renewal.getStatusCode().value()).isEqualTo(422);
    }
}
