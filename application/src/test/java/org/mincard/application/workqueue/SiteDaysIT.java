package org.mincard.application.workqueue;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard counts each site's own days (ADR 0027): site A keeps Honolulu time (UTC-10) and site B Auckland's
 * (UTC+13 in January), so an event at 23:30 in Honolulu is the next day in UTC, and one at 00:30 in Auckland the day
 * before. Each must land on the site's local day, and "today" without a range is the site's today.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mincard.test.isolated-context=site-days",
        "mincard.queues.sla.intake.default=PT90M",
        "mincard.directory.sites[0].id=a0000000-0000-4000-8000-00000000000a",
        "mincard.directory.sites[0].name=Harbor Office",
        "mincard.directory.sites[0].time-zone=Pacific/Honolulu",
        "mincard.directory.sites[1].id=b0000000-0000-4000-8000-00000000000b",
        "mincard.directory.sites[1].name=Ferry Office",
        "mincard.directory.sites[1].time-zone=Pacific/Auckland"})
class SiteDaysIT extends QueueItSupport {

    @Test
    void countsEachSitesLocalDay_notTheUtcDay() {
        clock.set(Instant.parse("2030-01-08T09:30:00Z"));
        UUID lateEvening = submit("clerk-a", SITE_A, "Late Evening");
        clock.set(Instant.parse("2030-01-08T09:50:00Z"));
        act("clerk-a", lateEvening, "check-in");
        clock.set(Instant.parse("2030-01-08T10:30:00Z"));
        UUID afterMidnight = submit("clerk-a", SITE_A, "After Midnight");
        clock.set(Instant.parse("2030-01-07T11:30:00Z"));
        UUID earlyMorning = submit("clerk-b", SITE_B, "Early Morning");
        awaitQueue(lateEvening, "DOCUMENT_REVIEW");
        awaitQueue(afterMidnight, "INTAKE");
        awaitQueue(earlyMorning, "INTAKE");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(days(get("supervisor",
                "/api/v1/dashboard?site=" + SITE_A + "&from=2030-01-06&to=2030-01-09"))).hasSize(2));
        List<Map<String, Object>> siteA = days(get("supervisor",
                "/api/v1/dashboard?site=" + SITE_A + "&from=2030-01-06&to=2030-01-09"));
        List<Map<String, Object>> siteB = days(get("supervisor",
                "/api/v1/dashboard?site=" + SITE_B + "&from=2030-01-06&to=2030-01-09"));
        List<Map<String, Object>> siteBToday = days(get("supervisor", "/api/v1/dashboard?site=" + SITE_B));

        assertThat(siteA).extracting(day -> day.get("day"), day -> day.get("received"))
                .containsExactly(tuple("2030-01-07", 1),
                        tuple("2030-01-08", 1));
        assertThat(siteA.get(0).get("queues")).isEqualTo(List.of(Map.of("queue", "INTAKE", "stays", 1,
                "medianSeconds", 1200.0, "p90Seconds", 1200.0, "slaBreaches", 0)));
        assertThat(siteB).extracting(day -> day.get("day"), day -> day.get("received"))
                .containsExactly(tuple("2030-01-08", 1));
        assertThat(siteBToday).extracting(day -> day.get("day")).containsExactly("2030-01-08");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> days(ResponseEntity<Map<String, Object>> dashboard) {
        assertThat(dashboard.getStatusCode().value()).as("%s", dashboard.getBody()).isEqualTo(200);
        return (List<Map<String, Object>>) dashboard.getBody().get("days");
    }
}
