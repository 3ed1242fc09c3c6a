package org.mincard.application.console;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console keeps the client contract (ADR 0018) over HTTP with a real session: each case-action form carries a key
 * generated when it was rendered and the case version the screen showed, so a double submit acts once and an action
 * on a stale screen is refused with a "reload" message instead of being carried out. My work's claim and release
 * forms carry a key too. A context of its own, so My work lists this test's cases.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mincard.test.isolated-context=console-safe-retry")
class ConsoleSafeRetryIT {

    private static final String PASSWORD = "test-password";
    private static final String SITE_A = "a0000000-0000-4000-8000-00000000000a";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void actsOnce_whenTheSameFormIsPostedTwice() {
        UUID caseId = submit();
        ConsoleSession clerk = signedIn();
        String page = caseShown(clerk, caseId);
        Map<String, String> checkIn = form(page, "check-in");

        HttpResponse<String> first = clerk.post("/console/cases/" + caseId + "/check-in", checkIn, true);
        String firstShown = follow(clerk, first).body();
        HttpResponse<String> again = clerk.post("/console/cases/" + caseId + "/check-in", checkIn, true);

        assertThat(firstShown).contains("Done: the case is now checked in");
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(follow(clerk, again).body()).contains("Already done").contains("the case is now checked in");
        assertThat(events(caseId)).as("one check-in stored").isEqualTo(2);
    }

    @Test
    void refusesWithAReloadMessage_whenTheCaseMovedOnSinceThePageWasShown() {
        UUID caseId = submit();
        ConsoleSession clerk = signedIn();
        String page = caseShown(clerk, caseId);
        Map<String, String> withdraw = form(page, "withdraw");
        ResponseEntity<String> checkedInElsewhere = rest.withBasicAuth("clerk-a", PASSWORD).exchange(
                "/api/v1/cases/" + caseId + "/check-in", HttpMethod.POST, json(Map.of()), String.class);
        assertThat(checkedInElsewhere.getStatusCode().value()).isEqualTo(200);

        HttpResponse<String> stale = clerk.post("/console/cases/" + caseId + "/withdraw", withdraw, true);

        assertThat(stale.statusCode()).isEqualTo(302);
        assertThat(follow(clerk, stale).body()).contains("the case changed since this page was shown")
                .contains("Reload the case");
        assertThat(events(caseId)).as("the withdrawal was not stored").isEqualTo(2);
    }

    @Test
    void refusesTheFormsKey_whenItComesBackWithOtherChoices() {
        UUID caseId = submit();
        ConsoleSession clerk = signedIn();
        Map<String, String> checkIn = form(caseShown(clerk, caseId), "check-in");
        assertThat(clerk.post("/console/cases/" + caseId + "/check-in", checkIn, true).statusCode()).isEqualTo(302);
        assertThat(events(caseId)).isEqualTo(2);

        HttpResponse<String> otherAction = clerk.post("/console/cases/" + caseId + "/withdraw", checkIn, true);

        assertThat(follow(clerk, otherAction).body()).contains("already sent with other choices");
        assertThat(events(caseId)).isEqualTo(2);
    }

    @Test
    void claimsOnce_whenMyWorksClaimFormIsPostedAgainAfterTheCaseWasReleased() {
        UUID caseId = submit();
        ConsoleSession clerk = signedIn();
        String[] page = new String[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            page[0] = clerk.get("/console/my-work").body();
            assertThat(page[0]).contains(":claim:" + caseId);
        });
        Matcher key = Pattern.compile("name=\"formKey\" value=\"([^\"]+:claim:" + caseId + ")\"").matcher(page[0]);
        assertThat(key.find()).isTrue();
        Map<String, String> claim = Map.of("formKey", key.group(1));
        assertThat(clerk.post("/console/cases/" + caseId + "/claim", claim, true).statusCode()).isEqualTo(302);
        ResponseEntity<String> released = rest.withBasicAuth("clerk-a", PASSWORD).exchange(
                "/api/v1/cases/" + caseId + "/release", HttpMethod.POST, json(Map.of()), String.class);
        assertThat(released.getStatusCode().value()).isEqualTo(200);

        HttpResponse<String> again = clerk.post("/console/cases/" + caseId + "/claim", claim, true);

        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(events(caseId)).as("submitted, claimed once, released: the resent form did not claim again")
                .isEqualTo(3);
    }

    private ConsoleSession signedIn() {
        ConsoleSession session = new ConsoleSession(port);
        assertThat(session.signIn("clerk-a", PASSWORD).statusCode()).isEqualTo(302);
        return session;
    }

    /** The case page once the read model shows the case (it answers 404 until then). */
    private static String caseShown(ConsoleSession session, UUID caseId) {
        String[] page = new String[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> shown = session.get("/console/cases/" + caseId);
            assertThat(shown.statusCode()).isEqualTo(200);
            page[0] = shown.body();
        });
        return page[0];
    }

    /** The hidden fields of the form whose key ends with {@code :<action>}, as the browser would post them. */
    private static Map<String, String> form(String page, String action) {
        Matcher key = Pattern.compile("name=\"formKey\" value=\"([^\"]+:" + Pattern.quote(action) + ")\"")
                .matcher(page);
        Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
        assertThat(key.find()).as("a %s form with its key", action).isTrue();
        assertThat(version.find()).as("the version the page shows").isTrue();
        return Map.of("formKey", key.group(1), "version", version.group(1));
    }

    private static HttpResponse<String> follow(ConsoleSession session, HttpResponse<String> redirect) {
        String location = redirect.headers().firstValue("Location").orElseThrow();
        return session.get(location.replaceFirst("^https?://[^/]+", ""));
    }

    private UUID submit() {
        ResponseEntity<Map> created = rest.withBasicAuth("clerk-a", PASSWORD).exchange("/api/v1/cases",
                HttpMethod.POST, json(Map.of("type", "NEW", "siteId", SITE_A, "applicant",
                        Map.of("legalName", "Form Example", "dateOfBirth", "1991-02-03"))), Map.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        return UUID.fromString((String) created.getBody().get("caseId"));
    }

    private static HttpEntity<Object> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        return new HttpEntity<>(body, headers);
    }

    private long events(UUID caseId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                caseId.toString());
    }
}
