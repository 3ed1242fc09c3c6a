package org.mincard.application.security;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.mincard.domain.shared.Actor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Puts the authenticated actor into every command's metadata, and from there (by correlation) into every event the
 * command causes: user id, role and sites; ids and role names only, never names. What a caller put under these keys
 * itself is overwritten, so the metadata cannot be forged through the API.
 *
 * <p>A command dispatched without an authenticated caller (a scheduler, a process reacting to an event) keeps what
 * correlation gave it, i.e. the actor of the message that caused it, or no actor keys for system work.
 */
public final class ActorMetadata implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** The opaque user id of the identity provider. */
    public static final String ACTOR_ID = "actorId";
    /** One of {@link org.mincard.domain.shared.Role}'s names. */
    public static final String ACTOR_ROLE = "actorRole";
    /** Comma-separated site ids in ascending order, or {@value #ALL_SITES}. */
    public static final String ACTOR_SITES = "actorSites";
    public static final String ALL_SITES = "*";
    static final List<String> KEYS = List.of(ACTOR_ID, ACTOR_ROLE, ACTOR_SITES);

    private final CurrentActor currentActor;

    ActorMetadata(CurrentActor currentActor) {
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
        Map<String, String> metadata = new HashMap<>();
        metadata.put(ACTOR_ID, actor.userId());
        metadata.put(ACTOR_ROLE, actor.role().name());
        metadata.put(ACTOR_SITES, actor.allSites() ? ALL_SITES
                : actor.siteIds().stream().map(UUID::toString).sorted().collect(Collectors.joining(",")));
        return metadata;
    }
}
