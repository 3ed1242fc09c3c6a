package org.mincard.application.oversight.register;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.vault.AccessContext;
import org.mincard.application.vault.AccessPurpose;
import org.mincard.application.vault.KeyShredder;
import org.mincard.application.vault.PersonalDataGate;
import org.mincard.application.vault.UnsealRequest;
import org.mincard.application.vault.Unsealed;
import org.mincard.application.web.NotFound;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.request.RequestDecision;
import org.mincard.domain.shared.Actor;
import org.mincard.projections.caseview.CaseView;
import org.mincard.projections.caseview.GetCase;
import org.mincard.projections.caseview.GetCaseSealedFields;
import org.mincard.projections.caseview.SealedField;
import org.mincard.projections.caseview.SealedField.CaseField;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Produces records for a decided request. Every field goes through the access gate with purpose LEGAL_REQUEST and
 * the request id as the access record's reference, so the access log lists each field disclosed under the request.
 */
@Component
class Disclosures {

    private final QueryGateway queries;
    private final PersonalDataGate gate;
    private final CurrentActor currentActor;
    private final KeyShredder keys;

    Disclosures(QueryGateway queries, PersonalDataGate gate, CurrentActor currentActor, KeyShredder keys) {
        this.queries = queries;
        this.gate = gate;
        this.currentActor = currentActor;
        this.keys = keys;
    }

    /** The fields produced per case: the plaintext, or a purged marker. */
    record Disclosure(UUID requestId, List<DisclosedCase> cases) {
    }

    record DisclosedCase(UUID caseId, Map<CaseField, Object> fields) {
    }

    Disclosure disclose(DataRequests.RegisteredRequest request, Set<UUID> caseIds, Set<CaseField> fields) {
        if (request.decision() == null || !RequestDecision.valueOf(request.decision()).discloses()) {
            throw new NotDisclosable();
        }
        if (!request.caseIds().containsAll(caseIds)) {
            throw new CasesOutOfScope();
        }
        Actor actor = currentActor.get();
        // Records officers are not site-scoped: the request, not a site, bounds what they may read.
        List<UUID> ordered = caseIds.stream().sorted().toList();
        List<UUID> rowCase = new ArrayList<>();
        List<CaseField> rowField = new ArrayList<>();
        List<UnsealRequest> unseal = new ArrayList<>();
        for (UUID caseId : ordered) {
            CaseView view = queries.query(new GetCase(caseId), ResponseTypes.optionalInstanceOf(CaseView.class)).join()
                    .orElseThrow(() -> new NotFound("Case " + caseId));
            AccessContext context = new AccessContext(caseId, null, request.requestId().toString());
            Set<CaseField> found = new HashSet<>();
            for (SealedField field : queries.query(new GetCaseSealedFields(caseId),
                    ResponseTypes.multipleInstancesOf(SealedField.class)).join()) {
                if (fields.contains(field.field())) {
                    rowCase.add(caseId);
                    rowField.add(field.field());
                    found.add(field.field());
                    unseal.add(new UnsealRequest(field.value(), context));
                }
            }
            // A purged class's copies are gone from the case view; its disclosure is still a (purged) read.
            Set<DataClass> destroyed = keys.destroyedClasses(view.cardholderId());
            for (CaseField field : CaseField.values()) {
                DataClass dataClass = field == CaseField.CARD_NUMBER ? DataClass.CARD_RECORD
                        : DataClass.valueOf(field.name());
                boolean held = field != CaseField.CARD_NUMBER || view.cardId() != null;
                if (fields.contains(field) && held && destroyed.contains(dataClass) && !found.contains(field)) {
                    rowCase.add(caseId);
                    rowField.add(field);
                    unseal.add(UnsealRequest.ofPurged(view.cardholderId(), dataClass, context));
                }
            }
        }
        List<Unsealed> answers = unseal.isEmpty() ? List.of()
                : gate.unsealAll(actor, AccessPurpose.LEGAL_REQUEST, unseal);
        Map<UUID, Map<CaseField, Object>> byCase = new LinkedHashMap<>();
        ordered.forEach(caseId -> byCase.put(caseId, new LinkedHashMap<>()));
        for (int i = 0; i < answers.size(); i++) {
            Unsealed answer = answers.get(i).orRefuse();
            byCase.get(rowCase.get(i)).put(rowField.get(i), answer instanceof Unsealed.Shown shown
                    ? shown.data() : ((Unsealed.Purged) answer).marker());
        }
        return new Disclosure(request.requestId(), byCase.entrySet().stream()
                .map(entry -> new DisclosedCase(entry.getKey(), entry.getValue())).toList());
    }
}
