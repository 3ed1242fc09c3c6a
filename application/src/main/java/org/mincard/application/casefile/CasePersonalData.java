package org.mincard.application.casefile;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
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
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A case's personal fields read through the access gate, for the API and the console alike: the caller names a
 * purpose, the policy decides per role and data class, and each field shown, purged or refused leaves one access
 * record. A field the role may not read for that purpose refuses the whole read.
 */
@Component
public class CasePersonalData {

    private final QueryGateway queries;
    private final PersonalDataGate gate;
    private final KeyShredder keys;

    CasePersonalData(QueryGateway queries, PersonalDataGate gate, KeyShredder keys) {
        this.queries = queries;
        this.gate = gate;
        this.keys = keys;
    }

    /** The asked fields (all the case holds when {@code wanted} is null or empty), each shown or marked purged. */
    public Map<CaseField, Object> read(Actor actor, UUID caseId, AccessPurpose purpose, UUID requestReference,
                                       Set<CaseField> wanted) {
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
        return fields;
    }
}
