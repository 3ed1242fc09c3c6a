package org.mincard.application.workqueue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mincard.application.directory.StaffDirectory;
import org.mincard.application.web.RequestProblems;
import org.mincard.domain.casefile.AssignCase;
import org.mincard.domain.casefile.CaseAssignment;
import org.mincard.domain.casefile.ClaimCase;
import org.mincard.domain.casefile.Priority;
import org.mincard.domain.casefile.ReleaseCase;
import org.mincard.domain.casefile.SetCasePriority;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.UUID;

/**
 * Who works a case: clerks claim and release, supervisors assign, reassign and set priority. The rules (own site,
 * unassigned or own case, supervisor only) are enforced by the case itself; another site's case answers 404.
 */
@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Work queues")
@Validated
class CaseAssignmentController {

    private final CommandGateway commands;
    private final StaffDirectory staff;
    private final Clock clock;

    CaseAssignmentController(CommandGateway commands, StaffDirectory staff, Clock clock) {
        this.commands = commands;
        this.staff = staff;
        this.clock = clock;
    }

    /** Who holds the case now (absent: nobody) and its priority. */
    record AssignmentAnswer(UUID caseId, String assignee, Priority priority) {

        static AssignmentAnswer of(UUID caseId, CaseAssignment assignment) {
            return new AssignmentAnswer(caseId, assignment.assignee(), assignment.priority());
        }
    }

    @Schema(example = "{\"clerkId\": \"clerk-a\"}")
    record AssignRequest(@NotNull @ClerkId String clerkId) {
    }

    @Schema(example = "{\"priority\": \"URGENT\"}")
    record PriorityRequest(@NotNull Priority priority) {
    }

    @PostMapping("/{caseId}/claim")
    @Operation(summary = "Claim a case for yourself",
            description = "Clerks claim unassigned cases of their sites; claiming a case you hold changes nothing.")
    AssignmentAnswer claim(@PathVariable UUID caseId) {
        return AssignmentAnswer.of(caseId, commands.sendAndWait(new ClaimCase(caseId, clock.instant())));
    }

    @PostMapping("/{caseId}/release")
    @Operation(summary = "Give a case back to its queue, unassigned",
            description = "The clerk holding the case, or a supervisor.")
    AssignmentAnswer release(@PathVariable UUID caseId) {
        return AssignmentAnswer.of(caseId, commands.sendAndWait(new ReleaseCase(caseId, clock.instant())));
    }

    @PostMapping("/{caseId}/assign")
    @Operation(summary = "Assign or reassign a case to a clerk (supervisor)",
            description = "clerkId is the identity provider's opaque user id of the clerk.")
    AssignmentAnswer assign(@PathVariable UUID caseId, @Valid @RequestBody AssignRequest request) {
        if (!staff.mayReceiveCases(request.clerkId())) {
            throw RequestProblems.unprocessable("clerkId", "must be a clerk in the staff directory");
        }
        return AssignmentAnswer.of(caseId,
                commands.sendAndWait(new AssignCase(caseId, request.clerkId(), clock.instant())));
    }

    @PostMapping("/{caseId}/priority")
    @Operation(summary = "Raise or lower a case's priority (supervisor)")
    AssignmentAnswer priority(@PathVariable UUID caseId, @Valid @RequestBody PriorityRequest request) {
        return AssignmentAnswer.of(caseId,
                commands.sendAndWait(new SetCasePriority(caseId, request.priority(), clock.instant())));
    }
}
