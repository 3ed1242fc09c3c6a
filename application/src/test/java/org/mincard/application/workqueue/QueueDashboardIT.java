package org.mincard.application.workqueue;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A day at site A computed by hand (intake SLA 90 minutes). 08:00 three cases arrive; 09:00 two are checked in
 * (intake stays 1 h, 1 h); 10:00 the third is withdrawn (intake 2 h: an SLA breach); 11:00 clerk-a claims case 1 and
 * reviews it; 12:00 approves it (review 3 h); 13:00 case 2 is denied (review 4 h); 14:00 case 1's card is produced
 * (production 2 h); 15:00 handed over (issuance 1 h); 16:00 the card is revoked for fraud.
 */
class QueueDashboardIT extends QueueItSupport {

    private static final String DAY = "2031-03-10";

    @Test
    void showsTheDayAsComputedByHand_inJsonAndCsv() {
        at("08:00");
        UUID first = submit("clerk-a", SITE_A, "Day One");
        UUID second = submit("clerk-a", SITE_A, "Day Two");
        UUID third = submit("clerk-a", SITE_A, "Day Three");
        at("09:00");
        act("clerk-a", first, "check-in");
        act("clerk-a", second, "check-in");
        at("10:00");
        act("clerk-a", third, "withdraw");
        at("11:00");
        act("clerk-a", first, "claim");
        awaitCaseState(first, "CHECKED_IN");
        awaitCaseState(second, "CHECKED_IN");
        act("clerk-a", first, "review", review("FOREIGN_PASSPORT", "UTILITY_BILL"));
        act("clerk-a", second, "review", review("UTILITY_BILL"));
        at("12:00");
        act("clerk-a", first, "approve");
        at("13:00");
        act("clerk-a", second, "deny", Map.of("reason", "INSUFFICIENT_DOCUMENTS"));
        at("14:00");
        awaitCaseState(first, "APPROVED");
        act("clerk-a", first, "produce-card");
        at("15:00");
        act("clerk-a", first, "hand-over");
        at("16:00");
        String cardNumber = cardNumberOf(first);
        assertThat(post("supervisor", "/api/v1/cards/" + cardNumber + "/revoke", Map.of("reason", "FRAUD"))
                .getStatusCode().value()).isEqualTo(200);

        String path = "/api/v1/dashboard?site=" + SITE_A + "&from=" + DAY + "&to=" + DAY;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Map<String, Object>> days = days(get("supervisor", path));
            assertThat(days).hasSize(1);
            assertThat(days.get(0).get("revocationReasons")).isEqualTo(Map.of("FRAUD", 1));
            assertThat(days.get(0).get("completedTotal")).isEqualTo(2);
        });
        Map<String, Object> day = days(get("supervisor", path)).get(0);
        String csv = csv(path);
        ResponseEntity<Map<String, Object>> asClerk = get("clerk-a", path);

        assertThat(day).containsEntry("day", DAY).containsEntry("siteId", SITE_A.toString())
                .containsEntry("received", 3).containsEntry("completedTotal", 2)
                .containsEntry("completed", Map.of("WITHDRAWN", 1, "HANDED_OVER", 1))
                .containsEntry("slaBreaches", 1)
                .containsEntry("denialReasons", Map.of("INSUFFICIENT_DOCUMENTS", 1))
                .containsEntry("revocationReasons", Map.of("FRAUD", 1))
                .containsEntry("clerks", List.of(Map.of("clerkId", CLERK_A_ID, "assigned", 1, "stepsCompleted", 3,
                        "casesCompleted", 1)));
        assertThat(day.get("queues")).isEqualTo(List.of(
                queue("INTAKE", 3, 3600.0, 6480.0, 1),
                queue("DOCUMENT_REVIEW", 2, 12600.0, 14040.0, 0),
                queue("PRODUCTION", 1, 7200.0, 7200.0, 0),
                queue("ISSUANCE", 1, 3600.0, 3600.0, 0)));
        String prefix = DAY + "," + SITE_A + ",";
        assertThat(csv).startsWith("day,site_id,metric,key,value\n")
                .contains(prefix + "received,,3\n", prefix + "completed,WITHDRAWN,1\n",
                        prefix + "queue_p90_seconds,intake,6480.0\n", prefix + "denial_reason,INSUFFICIENT_DOCUMENTS,1\n",
                        prefix + "clerk_steps_completed," + CLERK_A_ID + ",3\n", prefix + "revocation_reason,FRAUD,1\n");
        assertThat(asClerk.getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void refusesAnotherSitesDashboard_andBadRanges() {
        assertThat(get("clerk-a", "/api/v1/dashboard").getStatusCode().value()).isEqualTo(403);
        assertThat(get("supervisor", "/api/v1/dashboard?site=" + UUID.randomUUID()).getStatusCode().value())
                .isEqualTo(404);
        assertThat(get("supervisor", "/api/v1/dashboard?from=2031-03-10&to=2031-03-01").getStatusCode().value())
                .isEqualTo(400);
    }

    private void at(String time) {
        clock.set(Instant.parse(DAY + "T" + time + ":00Z"));
    }

    private static Map<String, Object> queue(String queue, int stays, double median, double p90, int breaches) {
        return Map.of("queue", queue, "stays", stays, "medianSeconds", median, "p90Seconds", p90,
                "slaBreaches", breaches);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> days(ResponseEntity<Map<String, Object>> dashboard) {
        assertThat(dashboard.getStatusCode().value()).as("%s", dashboard.getBody()).isEqualTo(200);
        return (List<Map<String, Object>>) dashboard.getBody().get("days");
    }

    private String csv(String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT, "text/csv");
        ResponseEntity<String> answer = rest.withBasicAuth("supervisor", "test-password")
                .exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getHeaders().getContentType().toString()).startsWith("text/csv");
        return answer.getBody();
    }
}
