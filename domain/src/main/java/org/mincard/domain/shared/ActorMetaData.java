package org.mincard.domain.shared;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The message metadata keys that carry the acting user on every command, and from there on every event.
 * Ids and roles only; never a name.
 */
public final class ActorMetaData {

    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String ACTOR_SITES = "actorSites";
    public static final String ACTOR_ALL_SITES = "actorAllSites";

    private ActorMetaData() {
    }

    public static Map<String, Object> of(Actor actor) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(ACTOR_ID, actor.userId());
        metaData.put(ACTOR_ROLE, actor.role().name());
        metaData.put(ACTOR_SITES, actor.siteIds().stream().map(UUID::toString).sorted()
                .collect(Collectors.joining(",")));
        metaData.put(ACTOR_ALL_SITES, Boolean.toString(actor.allSites()));
        return metaData;
    }

    /** The actor named by the metadata, or {@code null} when a message was sent by the system itself. */
    public static Actor from(Map<String, ?> metaData) {
        Object id = metaData.get(ACTOR_ID);
        Object role = metaData.get(ACTOR_ROLE);
        if (id == null || role == null) {
            return null;
        }
        Object sites = metaData.get(ACTOR_SITES);
        Set<UUID> siteIds = sites == null || sites.toString().isBlank() ? Set.of()
                : Arrays.stream(sites.toString().split(",")).map(UUID::fromString).collect(Collectors.toSet());
        return new Actor(id.toString(), Role.valueOf(role.toString()), siteIds,
                Boolean.parseBoolean(String.valueOf(metaData.get(ACTOR_ALL_SITES))));
    }
}
