package org.mincard.domain.request.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.mincard.domain.request.DataRequestRegistered;
import org.mincard.domain.request.RequestedRecord;

/**
 * Reads a revision-1 {@link DataRequestRegistered}, whose scope was a free-text description, as revision 2: the text
 * is not carried forward (it may describe a person) and the requested records become
 * {@link RequestedRecord#UNSPECIFIED}.
 */
public final class DataRequestRegisteredV1ToV2Upcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType V1 = new SimpleSerializedType(DataRequestRegistered.class.getName(),
            "1");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return V1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(DataRequestRegistered.class.getName(), "2"), JsonNode.class, payload -> {
                    ObjectNode node = (ObjectNode) payload;
                    node.remove("scopeDescription");
                    node.putArray("requestedRecords").add(RequestedRecord.UNSPECIFIED.name());
                    return node;
                });
    }
}
