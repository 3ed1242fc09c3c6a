package org.mincard.application.workqueue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.application.security.CurrentActor;
import org.mincard.projections.workqueue.Dashboard;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Supervisor figures per day and site (each site's own days), from the dashboard tables the work-queue projection keeps. JSON, or a
 * long-format CSV ({@code day,site_id,metric,key,value}) with {@code Accept: text/csv}. Counts, ids and codes only.
 */
@RestController
@RequestMapping("/api/v1/dashboard")
@Tag(name = "Work queues")
class DashboardController {

    static final String TEXT_CSV = "text/csv";

    private final Dashboards dashboards;
    private final CurrentActor currentActor;

    DashboardController(Dashboards dashboards, CurrentActor currentActor) {
        this.dashboards = dashboards;
        this.currentActor = currentActor;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Dashboard per day and site (supervisors)",
            description = "Received and completed cases, time in each queue (median, 90th percentile), SLA breaches, "
                    + "per-clerk work, denial and revocation reasons. Days are each site's own (its time zone in the "
                    + "site directory); from/to default to the last 7 days up to today at the sites asked for.")
    Dashboard dashboard(@RequestParam(required = false) UUID site,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return dashboards.read(currentActor.get(), site, from, to);
    }

    @GetMapping(produces = TEXT_CSV)
    @Operation(summary = "Dashboard per day and site as CSV (supervisors)")
    String csv(@RequestParam(required = false) UUID site,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return DashboardCsv.of(dashboard(site, from, to));
    }
}
