package org.mincard.domain.request;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A third-party or legal request for records was received and registered, with the kinds of records it asks for as
 * codes. Revision 1 carried a free-text scope description instead; {@code DataRequestRegisteredV1ToV2Upcaster} reads
 * it without the text, as {@link RequestedRecord#UNSPECIFIED}.
 */
@Revision("2")
public record DataRequestRegistered(UUID requestId, RequesterType requesterType, LegalInstrument instrument,
                                    List<UUID> caseIds, List<UUID> subjectIds, List<RequestedRecord> requestedRecords,
                                    LocalDate receivedOn) implements DataRequestEvent {

    public DataRequestRegistered {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(requesterType, "requesterType");
        Objects.requireNonNull(instrument, "instrument");
        caseIds = List.copyOf(caseIds);
        subjectIds = List.copyOf(subjectIds);
        requestedRecords = List.copyOf(requestedRecords);
        Objects.requireNonNull(receivedOn, "receivedOn");
    }
}
