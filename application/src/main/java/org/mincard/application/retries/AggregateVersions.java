package org.mincard.application.retries;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * An aggregate's version as an entity tag, from the event store itself (not a read model, which may lag): the
 * sequence number of its last event. Read inside a request's transaction, it includes that request's own events.
 */
@Component
public class AggregateVersions {

    private final EventStore eventStore;

    AggregateVersions(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The quoted entity tag of the aggregate's current version; empty when it has no events. */
    public Optional<String> etag(UUID aggregateId) {
        return eventStore.lastSequenceNumberFor(aggregateId.toString())
                .map(version -> new RequestPrecondition.Version(aggregateId, version).etag());
    }

    Optional<String> etag(String aggregateId) {
        try {
            return etag(UUID.fromString(aggregateId));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }
}
