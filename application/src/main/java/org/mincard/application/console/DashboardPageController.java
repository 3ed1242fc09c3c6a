package org.mincard.application.console;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.directory.SiteDirectory;
import org.mincard.application.directory.StaffDirectory;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.security.SiteScope;
import org.mincard.application.workqueue.DashboardCsv;
import org.mincard.application.workqueue.Dashboards;
import org.mincard.domain.casefile.AssignCase;
import org.mincard.domain.shared.Actor;
import org.mincard.projections.workqueue.AssignedCaseCounts;
import org.mincard.projections.workqueue.CountAssignedCases;
import org.mincard.projections.workqueue.Dashboard;
import org.mincard.projections.workqueue.ListQueueItems;
import org.mincard.projections.workqueue.ListQueueSummaries;
import org.mincard.projections.workqueue.QueuePage;
import org.mincard.projections.workqueue.QueueSummary;
import org.mincard.projections.workqueue.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The supervisor's day: depth, aging and overdue per site and queue (with an SVG chart), the last week's intake and
 * completions, each clerk's open cases by name, and bulk assignment of a queue's cases to a clerk with the clerks'
 * workload in view. Counts and ids only: no personal data on this screen.
 */
@Controller
class DashboardPageController {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardPageController.class);
    static final int PAGE = 50;

    private final QueryGateway queries;
    private final Dashboards dashboards;
    private final CommandGateway commands;
    private final CurrentActor currentActor;
    private final SiteScope siteScope;
    private final SiteDirectory sites;
    private final StaffDirectory staff;
    private final Clock clock;

    DashboardPageController(QueryGateway queries, Dashboards dashboards, CommandGateway commands,
                            CurrentActor currentActor, SiteScope siteScope, SiteDirectory sites, StaffDirectory staff,
                            Clock clock) {
        this.queries = queries;
        this.dashboards = dashboards;
        this.commands = commands;
        this.currentActor = currentActor;
        this.siteScope = siteScope;
        this.sites = sites;
        this.staff = staff;
        this.clock = clock;
    }

    /** One bar of a chart, already scaled to the chart's width (SVG attributes, no inline style). */
    record Bar(String label, long value, long overdue, int y, int width, int overdueWidth) {
    }

    /** One clerk and the open cases they hold now. */
    record Workload(String userId, String name, String sites, long open) {
    }

    /** A day's intake and completions, summed over the visible sites (each site's own day, ADR 0027). */
    record Day(LocalDate day, long received, long completed, long slaBreaches) {
    }

    @GetMapping("/console/dashboard")
    String dashboard(@RequestParam(required = false) String queue, Model model) {
        Actor actor = currentActor.get();
        Set<UUID> visible = siteScope.visibleSites(actor).orElse(null);
        Instant now = clock.instant();
        List<QueueSummary> summaries = queries.query(new ListQueueSummaries(visible, now),
                ResponseTypes.multipleInstancesOf(QueueSummary.class)).join();
        Map<String, QueueSummary> figures = new TreeMap<>();
        for (UUID site : siteIds(visible, summaries)) {
            for (WorkQueue each : WorkQueue.values()) {
                figures.put(sites.name(site) + "/" + each.ordinal(), new QueueSummary(site, each, 0, null, 0, 0));
            }
        }
        summaries.forEach(summary -> figures.put(sites.name(summary.siteId()) + "/" + summary.queue().ordinal(),
                summary));
        model.addAttribute("figures", List.copyOf(figures.values()));
        model.addAttribute("bars", bars(summaries));

        Dashboard week = dashboards.read(actor, null, null, null);
        Map<LocalDate, Day> days = new TreeMap<>(Comparator.reverseOrder());
        for (Dashboard.SiteDay day : week.days()) {
            days.merge(day.day(), new Day(day.day(), day.received(), day.completedTotal(), day.slaBreaches()),
                    (a, b) -> new Day(a.day(), a.received() + b.received(), a.completed() + b.completed(),
                            a.slaBreaches() + b.slaBreaches()));
        }
        model.addAttribute("days", List.copyOf(days.values()));

        List<Workload> workload = workload(visible);
        model.addAttribute("workload", workload);
        WorkQueue chosen = WorkQueue.fromPath(queue == null ? "intake" : queue).orElse(WorkQueue.INTAKE);
        model.addAttribute("queues", WorkQueue.values());
        model.addAttribute("chosenQueue", chosen);
        model.addAttribute("items", queries.query(new ListQueueItems(chosen, visible, null, false, null, null, null,
                null, null, PAGE, now), ResponseTypes.instanceOf(QueuePage.class)).join().items());
        return "console/dashboard";
    }

    @PostMapping("/console/dashboard/assign")
    String assign(@RequestParam(name = "caseIds", required = false) List<UUID> caseIds, @RequestParam String clerkId,
                  @RequestParam(required = false) String queue, RedirectAttributes redirect) {
        redirect.addAttribute("queue", queue == null ? "intake" : queue);
        if (caseIds == null || caseIds.isEmpty()) {
            redirect.addFlashAttribute("problem", "Tick at least one case.");
            return "redirect:/console/dashboard";
        }
        if (!staff.mayReceiveCases(clerkId)) {
            redirect.addFlashAttribute("problem", "Choose a clerk from the staff directory.");
            return "redirect:/console/dashboard";
        }
        int moved = 0;
        int skipped = 0;
        Set<UUID> assigned = new LinkedHashSet<>();
        for (UUID caseId : new LinkedHashSet<>(caseIds)) {
            try {
                commands.sendAndWait(new AssignCase(caseId, clerkId, clock.instant()));
                assigned.add(caseId);
                moved++;
            } catch (RuntimeException changedMeanwhile) {
                LOG.info("Console assignment skipped case {}: {}", caseId, changedMeanwhile.getClass().getSimpleName());
                skipped++;
            }
        }
        awaitAssigned(WorkQueue.fromPath(queue == null ? "intake" : queue).orElse(WorkQueue.INTAKE), assigned,
                clerkId);
        redirect.addFlashAttribute("done", "Assigned " + moved + (moved == 1 ? " case" : " cases") + " to "
                + staff.displayName(clerkId) + (skipped > 0 ? "; " + skipped + " could not be assigned" : "") + ".");
        return "redirect:/console/dashboard";
    }

    /**
     * Waits (bounded) until the work queue shows the assignments just made, so that the page after the action
     * shows them rather than the cases still unassigned.
     */
    private void awaitAssigned(WorkQueue queue, Set<UUID> caseIds, String clerkId) {
        if (caseIds.isEmpty()) {
            return;
        }
        Instant deadline = Instant.now().plus(CasePageController.OWN_ACTION_WAIT);
        while (Instant.now().isBefore(deadline)) {
            boolean shown = queries.query(new ListQueueItems(queue, null, null, false, null, null, caseIds, null,
                            null, caseIds.size(), clock.instant()), ResponseTypes.instanceOf(QueuePage.class)).join()
                    .items().stream().allMatch(item -> clerkId.equals(item.assignee()));
            if (shown) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @GetMapping("/console/dashboard/export.csv")
    ResponseEntity<String> export() {
        Dashboard dashboard = dashboards.read(currentActor.get(), null, null, null);
        LocalDate today = dashboard.to();
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"dashboard-" + today + ".csv\"")
                .body(DashboardCsv.of(dashboard));
    }

    private List<UUID> siteIds(Set<UUID> visible, List<QueueSummary> summaries) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (visible != null) {
            ids.addAll(visible);
        } else {
            sites.all().forEach(site -> ids.add(site.siteId()));
        }
        summaries.forEach(summary -> ids.add(summary.siteId()));
        return List.copyOf(ids);
    }

    /** Depth per queue over the visible sites, scaled to 400 px; the overdue part drawn apart. */
    private static List<Bar> bars(List<QueueSummary> summaries) {
        Map<WorkQueue, long[]> totals = new TreeMap<>();
        for (WorkQueue queue : WorkQueue.values()) {
            totals.put(queue, new long[2]);
        }
        summaries.forEach(summary -> {
            totals.get(summary.queue())[0] += summary.depth();
            totals.get(summary.queue())[1] += summary.overdue();
        });
        long max = Math.max(1, totals.values().stream().mapToLong(value -> value[0]).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        int row = 0;
        for (Map.Entry<WorkQueue, long[]> entry : totals.entrySet()) {
            long depth = entry.getValue()[0];
            long overdue = entry.getValue()[1];
            bars.add(new Bar(entry.getKey().path(), depth, overdue, 10 + row * 28, (int) (400 * depth / max),
                    (int) (400 * overdue / max)));
            row++;
        }
        return bars;
    }

    private List<Workload> workload(Set<UUID> visible) {
        Set<UUID> siteIds = visible != null ? visible
                : sites.all().stream().map(SiteDirectory.Site::siteId).collect(Collectors.toSet());
        List<StaffDirectory.Member> clerks = staff.clerksAt(siteIds);
        if (clerks.isEmpty()) {
            return List.of();
        }
        Map<String, Long> open = queries.query(new CountAssignedCases(clerks.stream()
                        .map(StaffDirectory.Member::userId).collect(Collectors.toCollection(LinkedHashSet::new))),
                ResponseTypes.instanceOf(AssignedCaseCounts.class)).join().counts();
        return clerks.stream().map(clerk -> new Workload(clerk.userId(), clerk.displayName(),
                clerk.sites().stream().map(sites::name).sorted().collect(Collectors.joining(", ")),
                open.getOrDefault(clerk.userId(), 0L))).toList();
    }
}
