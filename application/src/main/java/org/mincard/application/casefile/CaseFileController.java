package org.mincard.application.casefile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.web.ProblemException;
import org.mincard.domain.casefile.CaseType;
import org.mincard.domain.casefile.SubmitCase;
import org.mincard.projections.casesummary.CaseSummary;
import org.mincard.projections.casesummary.GetCaseSummary;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Cases")
class CaseFileController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;

    CaseFileController(CommandGateway commands, QueryGateway queries, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    record SubmitCaseRequest(@NotNull CaseType type, @NotNull UUID siteId) {
    }

    record CaseCreated(UUID caseId) {
    }

    @PostMapping
    @Operation(summary = "Submit a new case")
    ResponseEntity<CaseCreated> submit(@Valid @RequestBody SubmitCaseRequest request) {
        UUID caseId = UUID.randomUUID();
        commands.sendAndWait(new SubmitCase(caseId, request.type(), request.siteId(), clock.instant()));
        return ResponseEntity.created(URI.create("/api/v1/cases/" + caseId)).body(new CaseCreated(caseId));
    }

    @GetMapping("/{caseId}")
    @Operation(summary = "Read a case's non-personal facts")
    CaseSummary get(@PathVariable UUID caseId) {
        Optional<CaseSummary> summary = queries.query(new GetCaseSummary(caseId),
                ResponseTypes.optionalInstanceOf(CaseSummary.class)).join();
        return summary.orElseThrow(() -> ProblemException.notFound("Case " + caseId));
    }
}
