package org.mincard.domain.retention.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.mincard.domain.retention.HoldReason;
import org.mincard.domain.retention.LegalHoldPlaced;

/**
 * Reads a revision-1 {@link LegalHoldPlaced}, whose reason was free text, as revision 2: the text is not carried
 * forward (it may name a person) and the reason becomes {@link HoldReason#UNCODED}. The authority keeps its value.
 */
public final class LegalHoldPlacedV1ToV2Upcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType V1 = new SimpleSerializedType(LegalHoldPlaced.class.getName(), "1");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return V1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(LegalHoldPlaced.class.getName(), "2"), JsonNode.class, payload -> {
                    ((ObjectNode) payload).put("reason", HoldReason.UNCODED.name());
                    return payload;
                });
    }
}
