package org.mincard.application.workqueue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.security.SiteScope;
import org.mincard.application.vault.AccessPurpose;
import org.mincard.application.web.ProblemException;
import org.mincard.application.web.RequestProblems;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.CaseType;
import org.mincard.projections.workqueue.ListQueueSummaries;
import org.mincard.projections.workqueue.QueueSummary;
import org.mincard.projections.workqueue.WorkQueue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The clerk work queues: figures per site and queue, and pages of one queue with filters and search. Items carry no
 * personal data unless the caller names a purpose; then each item's legal name is unsealed through the access gate
 * (one gate call per page, one access record per item shown).
 */
@RestController
@RequestMapping("/api/v1/queues")
@Tag(name = "Work queues", description = "Queues per site and state, assignment, search")
class WorkQueueController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final String PURPOSE_HEADER = "X-Access-Purpose";

    private final QueryGateway queries;
    private final CurrentActor currentActor;
    private final SiteScope siteScope;
    private final QueueReader reader;
    private final Clock clock;

    WorkQueueController(QueryGateway queries, CurrentActor currentActor, SiteScope siteScope, QueueReader reader,
                        Clock clock) {
        this.queries = queries;
        this.currentActor = currentActor;
        this.siteScope = siteScope;
        this.reader = reader;
        this.clock = clock;
    }

    /** One queue at one site. */
    record QueueFigures(UUID siteId, String queue, long depth, Instant oldestEnteredAt, Long oldestAgeSeconds,
                        long overdue, long unassigned) {
    }

    record QueueOverview(Instant asOf, List<QueueFigures> queues) {
    }


    @GetMapping
    @Operation(summary = "Queue figures per site and queue",
            description = "Depth, oldest entry, overdue and unassigned counts, for the sites you may see.")
    QueueOverview overview() {
        Actor actor = currentActor.get();
        Instant now = clock.instant();
        Optional<Set<UUID>> visible = siteScope.visibleSites(actor);
        List<QueueSummary> summaries = queries.query(new ListQueueSummaries(visible.orElse(null), now),
                ResponseTypes.multipleInstancesOf(QueueSummary.class)).join();
        Map<String, QueueFigures> figures = new TreeMap<>();
        // A site-scoped caller sees every queue of each of their sites, empty ones as zeros; city-wide callers see
        // the non-empty ones (the service keeps no list of sites).
        visible.ifPresent(sites -> sites.forEach(site -> Arrays.stream(WorkQueue.values()).forEach(queue ->
                figures.put(site + "/" + queue.ordinal(), new QueueFigures(site, queue.path(), 0, null, null, 0, 0)))));
        summaries.forEach(summary -> figures.put(summary.siteId() + "/" + summary.queue().ordinal(),
                new QueueFigures(summary.siteId(), summary.queue().path(), summary.depth(), summary.oldestEnteredAt(),
                        summary.oldestEnteredAt() == null ? null
                                : Duration.between(summary.oldestEnteredAt(), now).toSeconds(),
                        summary.overdue(), summary.unassigned())));
        return new QueueOverview(now, List.copyOf(figures.values()));
    }

    @GetMapping("/{queue}")
    @Operation(summary = "A page of one queue, most urgent and oldest first",
            description = "Filters: site, assignee (me, unassigned or a user id), type, overdue, q (a case id, a card "
                    + "number or a name; names are matched through a keyed blind index of their tokens). Keyset "
                    + "pagination: pass the answer's 'next' as 'after'. With X-Access-Purpose each item carries the "
                    + "applicant's legal name, read through the access gate and logged per item.")
    QueueReader.Page page(@PathVariable String queue,
              @RequestParam(required = false) UUID site,
              @RequestParam(required = false) String assignee,
              @RequestParam(required = false) CaseType type,
              @RequestParam(required = false) Boolean overdue,
              @RequestParam(required = false) String q,
              @RequestParam(required = false) Integer limit,
              @RequestParam(required = false) String after,
              @Parameter(in = ParameterIn.HEADER, name = PURPOSE_HEADER, required = false,
                      description = "Why the names are read (CASE_WORK, SUPERVISOR_REVIEW, ...); without it, no names")
              @RequestHeader(name = PURPOSE_HEADER, required = false) String purposeHeader) {
        Actor actor = currentActor.get();
        WorkQueue workQueue = WorkQueue.fromPath(queue).orElseThrow(() -> ProblemException.notFound("Queue"));
        Optional<AccessPurpose> purpose = purpose(purposeHeader);
        int pageSize = RequestProblems.between("limit", limit == null ? DEFAULT_LIMIT : limit, 1, MAX_LIMIT);
        return reader.page(actor, workQueue, site, assignee, type, overdue, q, pageSize, after, purpose);
    }

    private Optional<AccessPurpose> purpose(String header) {
        if (header == null) {
            return Optional.empty();
        }
        return Optional.of(AccessPurpose.fromHeader(header).orElseThrow(() -> RequestProblems.invalid(
                PURPOSE_HEADER, "must be one of " + Arrays.toString(AccessPurpose.values()))));
    }
}
