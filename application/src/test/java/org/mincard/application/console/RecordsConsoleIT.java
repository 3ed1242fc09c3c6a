package org.mincard.application.console;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records officer's screen over HTTP: the retention forecast per class and month, and legal holds placed and
 * released through the console's forms (CSRF token required) on the same path as the API: the same command, so the
 * same hold row and the same hash-chained hold log entry, with the authority reference and never free text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RecordsConsoleIT {

    private static final Pattern HOLD_ROW = Pattern.compile("/console/records/holds/([0-9a-f-]{36})/release");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void showsTheForecastPerClassAndMonth_inTheCitysZone() {
        ConsoleSession officer = signedIn();

        String page = officer.get("/console/records").body();

        YearMonth thisMonth = YearMonth.now(ZoneId.of("America/Chicago"));
        assertThat(page).contains("Retention forecast", "id=\"forecast\"", "America/Chicago",
                ">" + thisMonth + "<", ">" + thisMonth.plusMonths(11) + "<");
        assertThat(page).doesNotContain(">" + thisMonth.plusMonths(12) + "<");
    }

    @Test
    void placesAndReleasesAHold_throughTheApisCommand_withCsrf() {
        ConsoleSession officer = signedIn();
        officer.get("/console/records");
        UUID caseId = UUID.randomUUID();

        HttpResponse<String> withoutToken = officer.post("/console/records/holds", Map.of("scope", "cases",
                "caseIds", caseId.toString(), "reason", "PRESERVATION_ORDER", "authority", "ORDER-2030-41"), false);
        HttpResponse<String> freeText = officer.post("/console/records/holds", Map.of("scope", "cases",
                "caseIds", caseId.toString(), "reason", "PRESERVATION_ORDER", "authority", "because counsel said so"),
                true);
        String refusal = officer.get("/console/records").body();
        HttpResponse<String> placed = officer.post("/console/records/holds", Map.of("scope", "cases",
                "caseIds", caseId + "\n", "reason", "PRESERVATION_ORDER", "authority", "ORDER-2030-41"), true);
        String afterPlacing = officer.get("/console/records").body();
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT hold_id, authority, released_at FROM retention.legal_hold WHERE ? = ANY (case_ids)", caseId);
        UUID holdId = (UUID) rows.get(0).get("hold_id");

        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(freeText.statusCode()).isEqualTo(302);
        assertThat(refusal).contains("Not placed: The field &#39;authority&#39;").doesNotContain("counsel said so");
        assertThat(placed.statusCode()).isEqualTo(302);
        assertThat(afterPlacing).contains("Legal hold placed (" + holdId.toString().substring(0, 8), "ORDER-2030-41");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("authority", "ORDER-2030-41").containsEntry("released_at", null);
        assertThat(holdLogEntries(holdId)).isEqualTo(1);
        Matcher release = HOLD_ROW.matcher(afterPlacing);
        assertThat(release.results().map(found -> found.group(1))).contains(holdId.toString());

        HttpResponse<String> released = officer.post("/console/records/holds/" + holdId + "/release",
                Map.of("authority", "ORDER-2030-42"), true);
        String afterRelease = officer.get("/console/records").body();

        assertThat(released.statusCode()).isEqualTo(302);
        assertThat(afterRelease).contains("Legal hold " + holdId.toString().substring(0, 8) + " released");
        assertThat(jdbc.queryForMap("SELECT release_authority, released_at FROM retention.legal_hold WHERE hold_id = ?",
                holdId)).containsEntry("release_authority", "ORDER-2030-42").doesNotContainEntry("released_at", null);
        assertThat(holdLogEntries(holdId)).isEqualTo(2);
    }

    private ConsoleSession signedIn() {
        ConsoleSession officer = new ConsoleSession(port);
        assertThat(officer.signIn("records-officer", ConsoleSecurityIT.PASSWORD).statusCode()).isEqualTo(302);
        return officer;
    }

    private long holdLogEntries(UUID holdId) {
        return jdbc.queryForObject("SELECT count(*) FROM audit.legal_hold_entry WHERE hold_id = ?", Long.class, holdId);
    }
}
