package org.mincard.application.retention.holds;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mincard.application.retention.holds.LegalHoldViews.HoldView;
import org.mincard.application.web.ProblemException;
import org.mincard.application.web.RequestProblems;
import org.mincard.domain.retention.HoldScope;
import org.mincard.domain.retention.PlaceLegalHold;
import org.mincard.domain.retention.ReleaseLegalHold;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Legal holds: placed and released by records officers, each with its authority; recorded as events. */
@RestController
@Tag(name = "Retention")
class LegalHoldController {

    private final CommandGateway commands;
    private final LegalHoldViews holds;
    private final Clock clock;

    LegalHoldController(CommandGateway commands, LegalHoldViews holds, Clock clock) {
        this.commands = commands;
        this.holds = holds;
        this.clock = clock;
    }

    record PlaceHoldRequest(List<UUID> caseIds, List<UUID> subjectIds, UUID siteId, LocalDate from, LocalDate to,
                            String reason, String authority) {
    }

    record ReleaseHoldRequest(String authority) {
    }

    @PostMapping("/api/v1/retention/holds")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Place a legal hold (scope: case ids, subject ids, or a site and date range)")
    HoldView place(@RequestBody PlaceHoldRequest request) {
        require(request.reason(), "reason", 500);
        require(request.authority(), "authority", 200);
        HoldScope scope;
        try {
            scope = new HoldScope(request.caseIds(), request.subjectIds(), request.siteId(), request.from(),
                    request.to());
        } catch (IllegalArgumentException e) {
            throw RequestProblems.invalid("scope", "must name case ids, subject ids, or a site with from <= to");
        }
        UUID holdId = UUID.randomUUID();
        commands.sendAndWait(new PlaceLegalHold(holdId, scope, request.reason().strip(),
                request.authority().strip(), clock.instant()));
        return find(holdId);
    }

    @PostMapping("/api/v1/retention/holds/{holdId}/release")
    @Operation(summary = "Release a legal hold under an authority; what it held becomes due again")
    HoldView release(@PathVariable UUID holdId, @RequestBody ReleaseHoldRequest request) {
        require(request.authority(), "authority", 200);
        if (holds.exists(holdId)) {
            commands.sendAndWait(new ReleaseLegalHold(holdId, request.authority().strip(), clock.instant()));
            return find(holdId);
        }
        throw ProblemException.notFound("Legal hold");
    }

    @GetMapping("/api/v1/retention/holds")
    @Operation(summary = "Every legal hold, newest first")
    List<HoldView> list() {
        return holds.all();
    }

    private HoldView find(UUID holdId) {
        return holds.find(holdId).orElseThrow();
    }

    private static void require(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw RequestProblems.invalid(field, "must not be blank");
        }
        if (value.length() > max) {
            throw RequestProblems.invalid(field, "must be at most " + max + " characters");
        }
    }
}
