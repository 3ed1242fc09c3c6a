package org.mincard.application.oversight.register;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mincard.application.web.ApiProblems;
import org.mincard.application.web.CalendarYear;
import org.mincard.application.web.ProblemException;
import org.mincard.application.web.ProblemException.Kind;
import org.mincard.application.web.RequestProblems;
import org.mincard.domain.request.AssignCounselReviewer;
import org.mincard.domain.request.DecideDataRequest;
import org.mincard.domain.request.LegalInstrument;
import org.mincard.domain.request.RecordDataRequestAnswered;
import org.mincard.domain.request.RecordHolderNotified;
import org.mincard.domain.request.RegisterDataRequest;
import org.mincard.domain.request.RequestDecision;
import org.mincard.domain.request.RequestScope;
import org.mincard.domain.request.RequestedRecord;
import org.mincard.domain.request.RequesterType;
import org.mincard.projections.caseview.SealedField.CaseField;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The third-party data request register (records officer): register a request, name counsel, record the decision,
 * the holder notification and the answer, and produce records through the access gate. Auditors read the register.
 */
@RestController
@RequestMapping("/api/v1/requests")
@Tag(name = "Data requests")
class DataRequestController {

    private final CommandGateway commands;
    private final DataRequests requests;
    private final Disclosures disclosures;

    DataRequestController(CommandGateway commands, DataRequests requests, Disclosures disclosures) {
        this.commands = commands;
        this.requests = requests;
        this.disclosures = disclosures;
    }

    /**
     * A new request. Its scope is the case and subject ids plus {@code requestedRecords}, the kinds of records asked
     * for as codes: there is no free-text description, which would stay in the register and its chained log.
     */
    @Schema(example = "{\"requesterType\": \"LOCAL_POLICE\", \"instrument\": \"JUDICIAL_WARRANT\", "
            + "\"caseIds\": [\"3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f\"], \"subjectIds\": [], "
            + "\"requestedRecords\": [\"CARD_STATUS\"], \"receivedOn\": \"2026-03-02\"}")
    record NewRequest(@NotNull RequesterType requesterType, @NotNull LegalInstrument instrument,
                      @NotNull @Size(max = 1000) List<@NotNull UUID> caseIds,
                      @NotNull @Size(max = 1000) List<@NotNull UUID> subjectIds,
                      @NotEmpty @Size(max = 20) List<@NotNull RequestedRecord> requestedRecords,
                      @NotNull LocalDate receivedOn) {
    }

    record Registered(UUID requestId) {
    }

    /** The counsel reviewer as a staff user id (as in the access log), never a name or an e-mail address. */
    @Schema(example = "{\"counselReviewerId\": \"counsel-1\"}")
    record CounselReview(@NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}",
            message = "must be a staff user id (1-128 letters, digits or . _ : -), not a name or an e-mail address")
                         String counselReviewerId) {
    }

    @Schema(example = "{\"decision\": \"CHALLENGED\", \"decidedOn\": \"2026-03-05\"}")
    record Decision(@NotNull RequestDecision decision, @NotNull LocalDate decidedOn) {
    }

    @Schema(example = "{\"notifiedOn\": \"2026-03-04\"}")
    record HolderNotification(@NotNull LocalDate notifiedOn) {
    }

    @Schema(example = "{\"respondedOn\": \"2026-03-09\"}")
    record Answer(@NotNull LocalDate respondedOn) {
    }

    /** Which cases (all in the request's scope) and which fields to produce. */
    @Schema(example = "{\"caseIds\": [\"3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f\"], \"fields\": [\"CARD_RECORD\"]}")
    record DisclosureRequest(@NotEmpty @Size(max = 100) Set<@NotNull UUID> caseIds,
                             @NotEmpty Set<@NotNull CaseField> fields) {
    }

    @PostMapping
    @Operation(summary = "Register a third-party or legal request for records")
    @ApiResponse(responseCode = "201", description = "Registered",
            useReturnTypeSchema = true, headers = @Header(name = "Location",
                    description = "The new request: /api/v1/requests/{requestId}",
                    schema = @Schema(type = "string", format = "uri-reference")))
    ResponseEntity<Registered> register(@Valid @RequestBody NewRequest request) {
        if (Set.copyOf(request.caseIds()).size() != request.caseIds().size()
                || Set.copyOf(request.subjectIds()).size() != request.subjectIds().size()) {
            throw new ProblemException(Kind.UNPROCESSABLE, ApiProblems.VALIDATION, "Invalid request",
                    "caseIds, subjectIds: must not repeat an id", Map.of());
        }
        if (request.requestedRecords().stream().anyMatch(record -> !record.selectable())) {
            throw RequestProblems.invalid("requestedRecords", "must name kinds of records; "
                    + RequestedRecord.UNSPECIFIED + " is kept only for requests registered before codes");
        }
        UUID requestId = UUID.randomUUID();
        commands.sendAndWait(new RegisterDataRequest(requestId, request.requesterType(), request.instrument(),
                new RequestScope(request.caseIds(), request.subjectIds(), request.requestedRecords()),
                request.receivedOn()));
        return ResponseEntity.created(URI.create("/api/v1/requests/" + requestId)).body(new Registered(requestId));
    }

    @GetMapping
    @Operation(summary = "List the register (received in a year, or all)")
    List<DataRequests.RegisteredRequest> list(@RequestParam(required = false) @CalendarYear Integer year) {
        return requests.list(year);
    }

    @GetMapping("/{requestId}")
    @Operation(summary = "One request of the register")
    DataRequests.RegisteredRequest get(@PathVariable UUID requestId) {
        return requests.find(requestId).orElseThrow(() -> ProblemException.notFound("Request " + requestId));
    }

    @PostMapping("/{requestId}/counsel-review")
    @Operation(summary = "Name the counsel who reviews the request")
    DataRequests.RegisteredRequest counsel(@PathVariable UUID requestId, @Valid @RequestBody CounselReview body) {
        exists(requestId);
        commands.sendAndWait(new AssignCounselReviewer(requestId, body.counselReviewerId()));
        return get(requestId);
    }

    @PostMapping("/{requestId}/decision")
    @Operation(summary = "Record the decision (after counsel's review)")
    DataRequests.RegisteredRequest decide(@PathVariable UUID requestId, @Valid @RequestBody Decision body) {
        exists(requestId);
        commands.sendAndWait(new DecideDataRequest(requestId, body.decision(), body.decidedOn()));
        return get(requestId);
    }

    @PostMapping("/{requestId}/holder-notification")
    @Operation(summary = "Record that the holders in scope were notified")
    DataRequests.RegisteredRequest notified(@PathVariable UUID requestId,
                                            @Valid @RequestBody HolderNotification body) {
        exists(requestId);
        commands.sendAndWait(new RecordHolderNotified(requestId, body.notifiedOn()));
        return get(requestId);
    }

    @PostMapping("/{requestId}/response")
    @Operation(summary = "Record the date the requester was answered")
    DataRequests.RegisteredRequest answered(@PathVariable UUID requestId, @Valid @RequestBody Answer body) {
        exists(requestId);
        commands.sendAndWait(new RecordDataRequestAnswered(requestId, body.respondedOn()));
        return get(requestId);
    }

    @PostMapping("/{requestId}/disclosures")
    @Operation(summary = "Produce records for a decided request through the access gate",
            description = "Only for a PARTIAL or FULL decision and cases in the request's scope. Every field is "
                    + "read with purpose LEGAL_REQUEST and the request id as reference, so each disclosed field "
                    + "is in the access log against the request.")
    Disclosures.Disclosure disclose(@PathVariable UUID requestId, @Valid @RequestBody DisclosureRequest body) {
        DataRequests.RegisteredRequest request = get(requestId);
        return disclosures.disclose(request, body.caseIds(), body.fields());
    }

    private void exists(UUID requestId) {
        get(requestId);
    }
}
