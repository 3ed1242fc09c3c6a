package org.mincard.application.workqueue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.directory.StaffDirectory;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.security.SiteScope;
import org.mincard.application.web.RequestProblems;
import org.mincard.domain.casefile.AssignCase;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.DomainRejection;
import org.mincard.domain.shared.NotVisible;
import org.mincard.projections.workqueue.AssignedCaseCounts;
import org.mincard.projections.workqueue.AssignedCases;
import org.mincard.projections.workqueue.CountAssignedCases;
import org.mincard.projections.workqueue.ListAssignedCases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Covers an absent clerk: every open case they hold at the supervisor's sites goes to the given clerks, each case
 * to the one holding the fewest open cases at that moment. One command per case, so each move is checked by the
 * case itself; a case that closed or moved meanwhile is counted as skipped, not failed.
 */
@RestController
@RequestMapping("/api/v1/queues")
@Tag(name = "Work queues")
@Validated
class ReassignmentController {

    private static final Logger LOG = LoggerFactory.getLogger(ReassignmentController.class);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final CurrentActor currentActor;
    private final SiteScope siteScope;
    private final StaffDirectory staff;
    private final Clock clock;

    ReassignmentController(CommandGateway commands, QueryGateway queries, CurrentActor currentActor,
                           SiteScope siteScope, StaffDirectory staff, Clock clock) {
        this.staff = staff;
        this.commands = commands;
        this.queries = queries;
        this.currentActor = currentActor;
        this.siteScope = siteScope;
        this.clock = clock;
    }

    @Schema(example = "{\"fromClerkId\": \"clerk-a\", \"toClerkIds\": [\"clerk-b\"]}")
    record ReassignmentRequest(@NotNull @ClerkId String fromClerkId,
                               @NotEmpty @Size(max = 50) List<@NotNull @ClerkId String> toClerkIds) {
    }

    /** How many cases moved, to whom, and how many could not be moved (closed or changed meanwhile). */
    record ReassignmentAnswer(String fromClerkId, int found, int moved, int skipped, Map<String, Integer> movedTo) {
    }

    @PostMapping("/reassignments")
    @Operation(summary = "Move all of a clerk's open cases to other clerks (supervisor)",
            description = "Sends one assignment per case, balancing by the receivers' open cases, and reports counts.")
    ReassignmentAnswer reassign(@Valid @RequestBody ReassignmentRequest request) {
        Actor actor = currentActor.get();
        LinkedHashSet<String> receivers = new LinkedHashSet<>(request.toClerkIds());
        if (receivers.contains(request.fromClerkId())) {
            throw RequestProblems.invalid("toClerkIds", "must not contain fromClerkId");
        }
        List<String> receiverList = List.copyOf(receivers);
        for (int i = 0; i < receiverList.size(); i++) {
            if (!staff.mayReceiveCases(receiverList.get(i))) {
                throw RequestProblems.unprocessable("toClerkIds[" + i + "]", "must be a clerk in the staff directory");
            }
        }
        List<UUID> caseIds = queries.query(new ListAssignedCases(request.fromClerkId(),
                siteScope.visibleSites(actor).orElse(null)), ResponseTypes.instanceOf(AssignedCases.class))
                .join().caseIds();
        Map<String, Long> load = new TreeMap<>(queries.query(new CountAssignedCases(receivers),
                ResponseTypes.instanceOf(AssignedCaseCounts.class)).join().counts());
        Map<String, Integer> movedTo = new TreeMap<>();
        int moved = 0;
        int skipped = 0;
        for (UUID caseId : caseIds) {
            String receiver = receivers.stream().min((a, b) -> {
                int byLoad = Long.compare(load.getOrDefault(a, 0L), load.getOrDefault(b, 0L));
                return byLoad != 0 ? byLoad : a.compareTo(b);
            }).orElseThrow();
            try {
                commands.sendAndWait(new AssignCase(caseId, receiver, clock.instant()));
                load.merge(receiver, 1L, Long::sum);
                movedTo.merge(receiver, 1, Integer::sum);
                moved++;
            } catch (DomainRejection | NotVisible changedMeanwhile) {
                LOG.info("Reassignment skipped case {}: {}", caseId, changedMeanwhile.getClass().getSimpleName());
                skipped++;
            }
        }
        return new ReassignmentAnswer(request.fromClerkId(), caseIds.size(), moved, skipped, movedTo);
    }
}
