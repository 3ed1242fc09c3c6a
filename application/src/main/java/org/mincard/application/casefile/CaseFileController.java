package org.mincard.application.casefile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.casefile.CaseRequests.CancelRequest;
import org.mincard.application.casefile.CaseRequests.DecideAppealRequest;
import org.mincard.application.casefile.CaseRequests.DenyRequest;
import org.mincard.application.casefile.CaseRequests.EscalateRequest;
import org.mincard.application.casefile.CaseRequests.MailRequest;
import org.mincard.application.casefile.CaseRequests.ReviewRequest;
import org.mincard.application.casefile.CaseRequests.SubmitCaseRequest;
import org.mincard.application.retries.AggregateVersions;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.web.RequestProblems;
import org.mincard.domain.casefile.AbandonCase;
import org.mincard.domain.casefile.AppealDenial;
import org.mincard.domain.casefile.ApproveCase;
import org.mincard.domain.casefile.CancelCase;
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.CheckInApplicant;
import org.mincard.domain.casefile.ConfirmDelivery;
import org.mincard.domain.casefile.DecideAppeal;
import org.mincard.domain.casefile.DenyCase;
import org.mincard.domain.casefile.DocumentType;
import org.mincard.domain.casefile.EscalateCase;
import org.mincard.domain.casefile.HandOverCard;
import org.mincard.domain.casefile.MailCard;
import org.mincard.domain.casefile.MarkCardReturned;
import org.mincard.domain.casefile.MarkNoShow;
import org.mincard.domain.casefile.PointsTally;
import org.mincard.domain.casefile.RecordDocumentReview;
import org.mincard.domain.casefile.ReturnFromEscalation;
import org.mincard.domain.casefile.WithdrawCase;
import org.mincard.domain.personaldata.PersonalDataSealer;
import org.mincard.domain.personaldata.Review;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.NotVisible;
import org.mincard.projections.caseview.CaseView;
import org.mincard.projections.caseview.GetCase;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Cases", description = "Submit cases and move them through their lifecycle")
@Validated
class CaseFileController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final CaseLookup lookup;
    private final CaseSubmission submission;
    private final CardProduction production;
    private final PersonalDataSealer sealer;
    private final DocumentCatalogue documents;
    private final LifecycleProperties lifecycle;
    private final CurrentActor currentActor;
    private final AggregateVersions versions;
    private final Clock clock;

    CaseFileController(CommandGateway commands, QueryGateway queries, CaseLookup lookup, CaseSubmission submission,
                       CardProduction production, PersonalDataSealer sealer, DocumentCatalogue documents,
                       LifecycleProperties lifecycle, CurrentActor currentActor, AggregateVersions versions,
                       Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.lookup = lookup;
        this.submission = submission;
        this.production = production;
        this.sealer = sealer;
        this.documents = documents;
        this.lifecycle = lifecycle;
        this.currentActor = currentActor;
        this.versions = versions;
        this.clock = clock;
    }

    /** The ids of an accepted case; the cardholder id is carried by later renewals and replacements. */
    record CaseAccepted(UUID caseId, UUID cardholderId) {
    }

    /** The state a case is in after an action. */
    record CaseMoved(UUID caseId, CaseState state) {
    }

    @PostMapping
    @Operation(summary = "Submit a case",
            description = "Opens a NEW, RENEWAL, REPLACEMENT or UPDATE case. A retry with the same Idempotency-Key "
                    + "returns the first answer instead of opening a second case.")
    @ApiResponse(responseCode = "201", description = "Submitted",
            useReturnTypeSchema = true, headers = @Header(name = "Location",
                    description = "The new case: /api/v1/cases/{caseId}",
                    schema = @Schema(type = "string", format = "uri-reference")))
    ResponseEntity<CaseAccepted> submit(@Valid @RequestBody SubmitCaseRequest request) {
        CaseSubmission.Accepted accepted = submission.submit(request, currentActor.get());
        return ResponseEntity.created(URI.create("/api/v1/cases/" + accepted.caseId()))
                .body(new CaseAccepted(accepted.caseId(), accepted.cardholderId()));
    }

    @GetMapping("/{caseId}")
    @Operation(summary = "Read a case's state and history",
            description = "Non-personal facts only. The ETag is the case's version in the event store (it may be "
                    + "ahead of the view); send it as If-Match with a command to refuse it (412) if the case moved on.")
    ResponseEntity<CaseView> get(@PathVariable UUID caseId) {
        CaseView view = visible(caseId);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        versions.etag(caseId).ifPresent(answer::eTag);
        return answer.body(view);
    }

    private CaseView visible(UUID caseId) {
        Actor actor = currentActor.get();
        return queries.query(new GetCase(caseId), ResponseTypes.optionalInstanceOf(CaseView.class)).join()
                .filter(view -> actor.canSee(view.siteId()))
                .orElseThrow(() -> new NotVisible("Case " + caseId));
    }

    @PostMapping("/{caseId}/check-in")
    @Operation(summary = "Check the applicant in")
    CaseMoved checkIn(@PathVariable UUID caseId) {
        return move(caseId, at -> new CheckInApplicant(caseId, at));
    }

    @PostMapping("/{caseId}/review")
    @Operation(summary = "Record the document review",
            description = "Document types come from the configured points table; their points are tallied here and "
                    + "the types are sealed with the notes.")
    CaseMoved review(@PathVariable UUID caseId, @Valid @RequestBody ReviewRequest request) {
        List<DocumentType> types = new ArrayList<>();
        for (int i = 0; i < request.documents().size(); i++) {
            String code = request.documents().get(i).type();
            int index = i;
            types.add(documents.find(code).orElseThrow(() -> RequestProblems.invalid(
                    "documents[" + index + "].type", "must be one of " + documents.codes())));
        }
        UUID cardholderId = cardholderOf(caseId);
        var review = sealer.seal(cardholderId, new Review(
                types.stream().map(type -> new Review.DocumentPresented(type.code())).toList(),
                request.attestation(), request.clerkNotes()));
        return move(caseId, at -> new RecordDocumentReview(caseId, review, PointsTally.of(types), at));
    }

    @PostMapping("/{caseId}/escalate")
    @Operation(summary = "Escalate to supervisor review")
    CaseMoved escalate(@PathVariable UUID caseId, @Valid @RequestBody EscalateRequest request) {
        return move(caseId, at -> new EscalateCase(caseId, request.reason(), at));
    }

    @PostMapping("/{caseId}/return-from-escalation")
    @Operation(summary = "Return an escalated case to review (supervisor)")
    CaseMoved returnFromEscalation(@PathVariable UUID caseId) {
        return move(caseId, at -> new ReturnFromEscalation(caseId, at));
    }

    @PostMapping("/{caseId}/approve")
    @Operation(summary = "Approve the application")
    CaseMoved approve(@PathVariable UUID caseId) {
        return move(caseId, at -> new ApproveCase(caseId, at));
    }

    @PostMapping("/{caseId}/deny")
    @Operation(summary = "Deny the application with a reason code")
    CaseMoved deny(@PathVariable UUID caseId, @Valid @RequestBody DenyRequest request) {
        return move(caseId, at -> new DenyCase(caseId, request.reason(), at, at.plus(lifecycle.appealWindow())));
    }

    @PostMapping("/{caseId}/appeal")
    @Operation(summary = "Appeal a denial (within the appeal window)")
    CaseMoved appeal(@PathVariable UUID caseId) {
        return move(caseId, at -> new AppealDenial(caseId, at));
    }

    @PostMapping("/{caseId}/decide-appeal")
    @Operation(summary = "Grant or uphold an appeal (supervisor)")
    CaseMoved decideAppeal(@PathVariable UUID caseId, @Valid @RequestBody DecideAppealRequest request) {
        return move(caseId, at -> new DecideAppeal(caseId, request.granted(), at));
    }

    @PostMapping("/{caseId}/produce-card")
    @Operation(summary = "Produce the card of an approved case")
    CaseMoved produceCard(@PathVariable UUID caseId) {
        return new CaseMoved(caseId, production.produce(caseId, currentActor.get()));
    }

    @PostMapping("/{caseId}/mail")
    @Operation(summary = "Mail the card", description = "Uses the delivery address given now or at submission.")
    CaseMoved mail(@PathVariable UUID caseId, @Valid @RequestBody(required = false) MailRequest request) {
        var delivery = request == null || request.delivery() == null ? null
                : sealer.seal(cardholderOf(caseId), CaseSubmission.delivery(request.delivery()));
        return move(caseId, at -> new MailCard(caseId, delivery, at));
    }

    @PostMapping("/{caseId}/confirm-delivery")
    @Operation(summary = "Confirm that the mailed card was delivered")
    CaseMoved confirmDelivery(@PathVariable UUID caseId) {
        return move(caseId, at -> new ConfirmDelivery(caseId, at));
    }

    @PostMapping("/{caseId}/mark-returned")
    @Operation(summary = "Record that the mailed card came back undelivered")
    CaseMoved markReturned(@PathVariable UUID caseId) {
        return move(caseId, at -> new MarkCardReturned(caseId, at));
    }

    @PostMapping("/{caseId}/hand-over")
    @Operation(summary = "Hand the card over at the site (also the pickup of a returned card)")
    CaseMoved handOver(@PathVariable UUID caseId) {
        return move(caseId, at -> new HandOverCard(caseId, at));
    }

    @PostMapping("/{caseId}/withdraw")
    @Operation(summary = "Withdraw the application")
    CaseMoved withdraw(@PathVariable UUID caseId) {
        return move(caseId, at -> new WithdrawCase(caseId, at));
    }

    @PostMapping("/{caseId}/mark-no-show")
    @Operation(summary = "Record that the applicant did not come")
    CaseMoved markNoShow(@PathVariable UUID caseId) {
        return move(caseId, at -> new MarkNoShow(caseId, at));
    }

    @PostMapping("/{caseId}/abandon")
    @Operation(summary = "Close a case the applicant abandoned")
    CaseMoved abandon(@PathVariable UUID caseId) {
        return move(caseId, at -> new AbandonCase(caseId, at));
    }

    @PostMapping("/{caseId}/cancel")
    @Operation(summary = "Cancel the case (staff)")
    CaseMoved cancel(@PathVariable UUID caseId, @Valid @RequestBody CancelRequest request) {
        return move(caseId, at -> new CancelCase(caseId, request.reason(), at));
    }

    private CaseMoved move(UUID caseId, Function<Instant, Object> command) {
        CaseState state = commands.sendAndWait(command.apply(clock.instant()));
        return new CaseMoved(caseId, state);
    }

    /**
     * The cardholder a case's personal data is sealed for, from the command-side lookup (never the case view, which
     * may not have caught up with the case yet); an invisible case is simply not found.
     */
    private UUID cardholderOf(UUID caseId) {
        return lookup.require(caseId, currentActor.get()).cardholderId();
    }
}
