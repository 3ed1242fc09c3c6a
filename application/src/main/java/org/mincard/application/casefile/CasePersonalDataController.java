package org.mincard.application.casefile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.vault.AccessContext;
import org.mincard.application.vault.AccessPurpose;
import org.mincard.application.vault.KeyShredder;
import org.mincard.application.vault.PersonalDataGate;
import org.mincard.application.vault.UnsealRequest;
import org.mincard.application.vault.Unsealed;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.NotVisible;
import org.mincard.projections.caseview.CaseView;
import org.mincard.projections.caseview.GetCase;
import org.mincard.projections.caseview.GetCaseSealedFields;
import org.mincard.projections.caseview.SealedField;
import org.mincard.projections.caseview.SealedField.CaseField;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one endpoint that shows a case's personal data. Every field goes through the access gate: the caller names
 * a purpose ({@code X-Access-Purpose}), the policy decides per role and data class, and each field shown, purged or
 * refused leaves one access record. A purged field answers {@code {"purged": "<class>"}}.
 */
@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Cases")
class CasePersonalDataController {

    private final QueryGateway queries;
    private final PersonalDataGate gate;
    private final CurrentActor currentActor;
    private final KeyShredder keys;

    CasePersonalDataController(QueryGateway queries, PersonalDataGate gate, CurrentActor currentActor,
                               KeyShredder keys) {
        this.queries = queries;
        this.gate = gate;
        this.currentActor = currentActor;
        this.keys = keys;
    }

    /** The case's personal fields that were asked for, each shown or marked purged. */
    record CasePersonalData(UUID caseId, AccessPurpose purpose, Map<CaseField, Object> fields) {
    }

    @GetMapping("/{caseId}/personal-data")
    @Operation(summary = "Read a case's personal data through the access gate",
            description = "Requires X-Access-Purpose (CASE_WORK, SUPERVISOR_REVIEW, HOLDER_REQUEST, LEGAL_REQUEST). "
                    + "HOLDER_REQUEST and LEGAL_REQUEST also require X-Request-Reference: the id of a registered "
                    + "request that covers this case or its cardholder (a data subject's open request for "
                    + "HOLDER_REQUEST, a request decided to disclose for LEGAL_REQUEST); the reference is logged with "
                    + "every field. Every field shown is recorded in the access log; a purged field answers {\"purged\": class}; "
                    + "a field the role may not read for that purpose refuses the whole request with 403.")
    CasePersonalData read(@PathVariable UUID caseId,
                          @Parameter(in = ParameterIn.HEADER, name = "X-Access-Purpose", required = true)
                          AccessPurpose purpose,
                          @Parameter(description = "The registered request this read answers (HOLDER_REQUEST, "
                                  + "LEGAL_REQUEST)")
                          @RequestHeader(name = "X-Request-Reference", required = false) UUID requestReference,
                          @Parameter(description = "Which fields to read; all the case holds when omitted")
                          @RequestParam(name = "fields", required = false) Set<CaseField> wanted) {
        Actor actor = currentActor.get();
        CaseView view = queries.query(new GetCase(caseId), ResponseTypes.optionalInstanceOf(CaseView.class)).join()
                .filter(found -> actor.canSee(found.siteId()))
                .orElseThrow(() -> new NotVisible("Case " + caseId));
        List<SealedField> sealed = queries.query(new GetCaseSealedFields(caseId),
                ResponseTypes.multipleInstancesOf(SealedField.class)).join().stream()
                .filter(field -> wanted == null || wanted.isEmpty() || wanted.contains(field.field()))
                .toList();
        AccessContext context = AccessContext.ofCase(caseId, view.siteId())
                .withRequestReference(requestReference == null ? null : requestReference.toString());
        List<CaseField> order = new ArrayList<>();
        List<UnsealRequest> requests = new ArrayList<>();
        for (SealedField field : sealed) {
            order.add(field.field());
            requests.add(new UnsealRequest(field.value(), context));
        }
        // A sweep removes a purged class's sealed copies; such a field still answers purged rather than vanishing,
        // and its read goes through the gate like any other, so the access log records it as purged.
        Set<DataClass> destroyed = keys.destroyedClasses(view.cardholderId());
        for (CaseField field : CaseField.values()) {
            DataClass dataClass = field == CaseField.CARD_NUMBER ? DataClass.CARD_RECORD : DataClass.valueOf(field.name());
            boolean asked = wanted == null || wanted.isEmpty() || wanted.contains(field);
            boolean held = field != CaseField.CARD_NUMBER || view.cardId() != null;
            if (asked && held && destroyed.contains(dataClass) && !order.contains(field)) {
                order.add(field);
                requests.add(UnsealRequest.ofPurged(view.cardholderId(), dataClass, context));
            }
        }
        List<UnsealRequest> refused = requests.stream()
                .filter(request -> !gate.permits(actor, purpose, request)).toList();
        if (!refused.isEmpty()) {
            // Nothing is decrypted; the refused fields are recorded as refused and the request fails whole.
            gate.unsealAll(actor, purpose, refused).get(0).orRefuse();
        }
        List<Unsealed> answers = requests.isEmpty() ? List.of() : gate.unsealAll(actor, purpose, requests);
        Map<CaseField, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            Unsealed answer = answers.get(i);
            fields.put(order.get(i), answer instanceof Unsealed.Shown shown ? shown.data()
                    : ((Unsealed.Purged) answer).marker());
        }
        return new CasePersonalData(caseId, purpose, fields);
    }
}
