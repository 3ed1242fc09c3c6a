package org.mincard.application.workqueue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.security.SiteScope;
import org.mincard.application.web.RequestProblems;
import org.mincard.domain.shared.Actor;
import org.mincard.projections.workqueue.Dashboard;
import org.mincard.projections.workqueue.GetDashboard;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/**
 * Supervisor figures per UTC day and site, from the dashboard tables the work-queue projection keeps. JSON, or a
 * long-format CSV ({@code day,site_id,metric,key,value}) with {@code Accept: text/csv}. Counts, ids and codes only.
 */
@RestController
@RequestMapping("/api/v1/dashboard")
@Tag(name = "Work queues")
class DashboardController {

    static final long MAX_DAYS = 366;
    static final String TEXT_CSV = "text/csv";

    private final QueryGateway queries;
    private final CurrentActor currentActor;
    private final SiteScope siteScope;
    private final Clock clock;

    DashboardController(QueryGateway queries, CurrentActor currentActor, SiteScope siteScope, Clock clock) {
        this.queries = queries;
        this.currentActor = currentActor;
        this.siteScope = siteScope;
        this.clock = clock;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Dashboard per day and site (supervisors)",
            description = "Received and completed cases, time in each queue (median, 90th percentile), SLA breaches, "
                    + "per-clerk work, denial and revocation reasons. from/to default to the last 7 days (UTC).")
    Dashboard dashboard(@RequestParam(required = false) UUID site,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Actor actor = currentActor.get();
        LocalDate end = to != null ? to : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate start = from != null ? from : end.minusDays(6);
        if (end.isBefore(start)) {
            throw RequestProblems.invalid("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw RequestProblems.invalid("from", "the range must be at most " + MAX_DAYS + " days");
        }
        Set<UUID> sites;
        if (site != null) {
            siteScope.requireVisible(actor, site, "Site " + site);
            sites = Set.of(site);
        } else {
            sites = siteScope.visibleSites(actor).orElse(null);
        }
        return queries.query(new GetDashboard(sites, start, end), ResponseTypes.instanceOf(Dashboard.class)).join();
    }

    @GetMapping(produces = TEXT_CSV)
    @Operation(summary = "Dashboard per day and site as CSV (supervisors)")
    String csv(@RequestParam(required = false) UUID site,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return DashboardCsv.of(dashboard(site, from, to));
    }
}
