package org.mincard.application.casefile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.DocumentType;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Cases", description = "Submit cases and move them through their lifecycle")
@Validated
class CaseFileController {

    private final CaseActions actions;
    private final QueryGateway queries;
    private final CaseSubmission submission;
    private final DocumentCatalogue documents;
    private final CurrentActor currentActor;
    private final AggregateVersions versions;

    CaseFileController(CaseActions actions, QueryGateway queries, CaseSubmission submission,
                       DocumentCatalogue documents, CurrentActor currentActor, AggregateVersions versions) {
        this.actions = actions;
        this.queries = queries;
        this.submission = submission;
        this.documents = documents;
        this.currentActor = currentActor;
        this.versions = versions;
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
        return moved(caseId, actions.checkIn(caseId));
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
        return moved(caseId, actions.review(caseId, currentActor.get(), types, request.attestation(),
                request.clerkNotes()));
    }

    @PostMapping("/{caseId}/escalate")
    @Operation(summary = "Escalate to supervisor review")
    CaseMoved escalate(@PathVariable UUID caseId, @Valid @RequestBody EscalateRequest request) {
        return moved(caseId, actions.escalate(caseId, request.reason()));
    }

    @PostMapping("/{caseId}/return-from-escalation")
    @Operation(summary = "Return an escalated case to review (supervisor)")
    CaseMoved returnFromEscalation(@PathVariable UUID caseId) {
        return moved(caseId, actions.returnFromEscalation(caseId));
    }

    @PostMapping("/{caseId}/approve")
    @Operation(summary = "Approve the application")
    CaseMoved approve(@PathVariable UUID caseId) {
        return moved(caseId, actions.approve(caseId));
    }

    @PostMapping("/{caseId}/deny")
    @Operation(summary = "Deny the application with a reason code")
    CaseMoved deny(@PathVariable UUID caseId, @Valid @RequestBody DenyRequest request) {
        return moved(caseId, actions.deny(caseId, request.reason()));
    }

    @PostMapping("/{caseId}/appeal")
    @Operation(summary = "Appeal a denial (within the appeal window)")
    CaseMoved appeal(@PathVariable UUID caseId) {
        return moved(caseId, actions.appeal(caseId));
    }

    @PostMapping("/{caseId}/decide-appeal")
    @Operation(summary = "Grant or uphold an appeal (supervisor)")
    CaseMoved decideAppeal(@PathVariable UUID caseId, @Valid @RequestBody DecideAppealRequest request) {
        return moved(caseId, actions.decideAppeal(caseId, request.granted()));
    }

    @PostMapping("/{caseId}/produce-card")
    @Operation(summary = "Produce the card of an approved case")
    CaseMoved produceCard(@PathVariable UUID caseId) {
        return moved(caseId, actions.produceCard(caseId, currentActor.get()));
    }

    @PostMapping("/{caseId}/mail")
    @Operation(summary = "Mail the card", description = "Uses the delivery address given now or at submission.")
    CaseMoved mail(@PathVariable UUID caseId, @Valid @RequestBody(required = false) MailRequest request) {
        return moved(caseId, actions.mail(caseId, currentActor.get(), request == null || request.delivery() == null
                ? null : CaseSubmission.delivery(request.delivery())));
    }

    @PostMapping("/{caseId}/confirm-delivery")
    @Operation(summary = "Confirm that the mailed card was delivered")
    CaseMoved confirmDelivery(@PathVariable UUID caseId) {
        return moved(caseId, actions.confirmDelivery(caseId));
    }

    @PostMapping("/{caseId}/mark-returned")
    @Operation(summary = "Record that the mailed card came back undelivered")
    CaseMoved markReturned(@PathVariable UUID caseId) {
        return moved(caseId, actions.markReturned(caseId));
    }

    @PostMapping("/{caseId}/hand-over")
    @Operation(summary = "Hand the card over at the site (also the pickup of a returned card)")
    CaseMoved handOver(@PathVariable UUID caseId) {
        return moved(caseId, actions.handOver(caseId));
    }

    @PostMapping("/{caseId}/withdraw")
    @Operation(summary = "Withdraw the application")
    CaseMoved withdraw(@PathVariable UUID caseId) {
        return moved(caseId, actions.withdraw(caseId));
    }

    @PostMapping("/{caseId}/mark-no-show")
    @Operation(summary = "Record that the applicant did not come")
    CaseMoved markNoShow(@PathVariable UUID caseId) {
        return moved(caseId, actions.markNoShow(caseId));
    }

    @PostMapping("/{caseId}/abandon")
    @Operation(summary = "Close a case the applicant abandoned")
    CaseMoved abandon(@PathVariable UUID caseId) {
        return moved(caseId, actions.abandon(caseId));
    }

    @PostMapping("/{caseId}/cancel")
    @Operation(summary = "Cancel the case (staff)")
    CaseMoved cancel(@PathVariable UUID caseId, @Valid @RequestBody CancelRequest request) {
        return moved(caseId, actions.cancel(caseId, request.reason()));
    }

    private static CaseMoved moved(UUID caseId, CaseState state) {
        return new CaseMoved(caseId, state);
    }
}
