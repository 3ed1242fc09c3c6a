package org.mincard.application.consistency;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.mincard.application.config.ProcessorProgress;
import org.mincard.application.web.RequestProblems;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Issues and honours {@code Consistency-Token}s. A token names a position of the event store's global order: the head
 * as it stands right after a command committed, learnt from the event store's own API
 * ({@link EventStore#createHeadToken()}), never from its tables (ADR 0015). A read waits until every read model it uses
 * reports, through its processor's status ({@link ProcessorProgress}), that it has handled that position.
 */
@Component
public class ConsistencyTokens {

    public static final String HEADER = "Consistency-Token";
    private static final String PREFIX = "p1.";
    private static final Pattern FORMAT = Pattern.compile("p1\\.[0-9]{1,18}");

    private final EventStore eventStore;
    private final ProcessorProgress progress;
    private final ConsistencyProperties properties;

    ConsistencyTokens(EventStore eventStore, ProcessorProgress progress, ConsistencyProperties properties) {
        this.eventStore = eventStore;
        this.progress = progress;
        this.properties = properties;
    }

    /** The token of everything committed so far, for a command's answer; empty while the store holds no event. */
    public Optional<String> current() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? Optional.empty() : head.position().stream().boxed().findFirst()
                .filter(position -> position >= 0).map(position -> PREFIX + position);
    }

    /**
     * Waits, at most the configured time, until the processors of {@code processingGroups} have handled the position
     * named by {@code token}; 400 for a token this service did not issue, 503 when the wait runs out.
     */
    void await(String token, Collection<String> processingGroups) {
        if (!FORMAT.matcher(token).matches()) {
            throw RequestProblems.invalid("header " + HEADER, "must be a token from an earlier answer");
        }
        long position = Long.parseLong(token.substring(PREFIX.length()));
        long deadline = System.nanoTime() + properties.readWait().toNanos();
        for (String group : processingGroups) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!progress.awaitPosition(group, position, Duration.ofNanos(left))) {
                throw new ReadModelBehind(Math.max(1, properties.retryAfter().toSeconds()));
            }
        }
    }
}
