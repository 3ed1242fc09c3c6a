package org.mincard.application.security;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.ActorMetadataFormat;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Puts the authenticated actor into every command's metadata, and from there (by correlation) into every event the
 * command causes: user id, role and sites (keys and format: {@link ActorMetadataFormat}); ids and role names only,
 * never names. What a caller put under these keys itself is overwritten, so the metadata cannot be forged through the
 * API.
 *
 * <p>A command dispatched without an authenticated caller (a scheduler, a process reacting to an event) keeps what
 * correlation gave it, i.e. the actor of the message that caused it; work nobody requested names
 * {@code Actor.system(job)} itself. A command that names no actor at all is refused by the aggregate.
 */
public final class ActorMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    public static final String ACTOR_ID = ActorMetadataFormat.ACTOR_ID;
    public static final String ACTOR_ROLE = ActorMetadataFormat.ACTOR_ROLE;
    public static final String ACTOR_SITES = ActorMetadataFormat.ACTOR_SITES;
    public static final String ALL_SITES = ActorMetadataFormat.ALL_SITES;
    static final List<String> KEYS = ActorMetadataFormat.KEYS;

    private final CurrentActor currentActor;

    ActorMetadataInterceptor(CurrentActor currentActor) {
        this.currentActor = currentActor;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> currentActor.find()
                .<CommandMessage<?>>map(actor -> command.andMetaData(of(actor)))
                .orElse(command);
    }

    static Map<String, String> of(Actor actor) {
        return ActorMetadataFormat.of(actor);
    }
}
