package org.mincard.domain.request;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A third-party or legal request for records was received and registered. */
@Revision("1")
public record DataRequestRegistered(UUID requestId, RequesterType requesterType, LegalInstrument instrument,
                                    List<UUID> caseIds, List<UUID> subjectIds, String scopeDescription,
                                    LocalDate receivedOn) implements DataRequestEvent {

    public DataRequestRegistered {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(requesterType, "requesterType");
        Objects.requireNonNull(instrument, "instrument");
        caseIds = List.copyOf(caseIds);
        subjectIds = List.copyOf(subjectIds);
        Objects.requireNonNull(scopeDescription, "scopeDescription");
        Objects.requireNonNull(receivedOn, "receivedOn");
    }
}
