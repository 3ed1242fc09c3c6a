package org.mincard.application.casefile;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mincard.application.casefile.CaseApi.SITE_A;

/**
 * The shipped monitoring (deploy/monitoring/: alert rules and the Grafana dashboard) queries only metrics that the
 * service really exports: after a little ordinary work (a submission, a personal-data read, a refused request),
 * every metric name the rules, the dashboard and the runbook use is in {@code /actuator/prometheus}. A renamed meter, or a name
 * written from memory into a rule, fails here instead of leaving an alert that can never fire.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MonitoringContractIT {

    private static final Path MONITORING = Path.of("..", "deploy", "monitoring");

    /** Names in the runbook that look like metrics but are not: the database roles (application and schema owner). */
    private static final Set<String> NOT_METRICS = Set.of("mincard_app", "mincard_owner");
    private static final Pattern METRIC = Pattern.compile("\\b((?:mincard|http_server_requests)_[a-z0-9_]+)\\b");

    @Autowired
    TestRestTemplate rest;

    @Test
    void everyMetricTheRulesTheDashboardAndTheRunbookUseIsExported() throws IOException {
        Set<String> used = new TreeSet<>();
        used.addAll(metricsIn(MONITORING.resolve("alerts.yml")));
        used.addAll(metricsIn(MONITORING.resolve("grafana").resolve("mincard.json")));
        used.addAll(metricsIn(Path.of("..", "docs", "runbook.md")));
        assertThat(used).as("metric names found in the rules and the dashboard").hasSizeGreaterThan(20);

        CaseApi clerk = new CaseApi(rest, "clerk-a");
        UUID caseId = clerk.submit(CaseApi.newApplication(SITE_A, "Monitoring Probe", LocalDate.of(1990, 5, 5)));
        clerk.awaitState(caseId, "SUBMITTED");
        clerk.personalData(caseId, "CASE_WORK");
        assertThat(rest.getForEntity("/api/v1/cases/" + caseId, String.class).getStatusCode().value())
                .as("an anonymous read is refused").isEqualTo(401);

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            Set<String> exported = exported(rest.getForObject("/actuator/prometheus", String.class));
            Set<String> missing = new TreeSet<>(used);
            missing.removeIf(name -> exported.contains(name)
                    || exported.stream().anyMatch(series -> series.startsWith(name + "_")));
            assertThat(missing).as("metrics used but not in /actuator/prometheus (a histogram's base name counts"
                    + " when its _count/_bucket series are there)").isEmpty();
        });
    }

    private static Set<String> metricsIn(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(Files.readString(file));
        while (matcher.find()) {
            if (!NOT_METRICS.contains(matcher.group(1))) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static Set<String> exported(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = line.indexOf('{');
            names.add(line.substring(0, end < 0 ? line.indexOf(' ') : end));
        }
        return names;
    }
}
