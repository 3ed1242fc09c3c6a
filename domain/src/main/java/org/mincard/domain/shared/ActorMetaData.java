package org.mincard.domain.shared;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The message metadata keys that carry the acting user on every command, and by correlation on every event it
 * causes: the opaque user id, the role name, and the site ids (ascending, comma-separated) or {@value #ALL_SITES}.
 * Ids and roles only; never a name.
 */
public final class ActorMetaData {

    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String ACTOR_SITES = "actorSites";
    public static final String ALL_SITES = "*";
    public static final List<String> KEYS = List.of(ACTOR_ID, ACTOR_ROLE, ACTOR_SITES);

    private ActorMetaData() {
    }

    public static Map<String, String> of(Actor actor) {
        Map<String, String> metaData = new HashMap<>();
        metaData.put(ACTOR_ID, actor.userId());
        metaData.put(ACTOR_ROLE, actor.role().name());
        metaData.put(ACTOR_SITES, actor.allSites() ? ALL_SITES
                : actor.siteIds().stream().map(UUID::toString).sorted().collect(Collectors.joining(",")));
        return metaData;
    }

    /** The actor named by the metadata, or {@code null} when a message was sent by the system itself. */
    public static Actor from(Map<String, ?> metaData) {
        Object id = metaData.get(ACTOR_ID);
        Object role = metaData.get(ACTOR_ROLE);
        if (id == null || role == null) {
            return null;
        }
        Object rawSites = metaData.get(ACTOR_SITES);
        String sites = rawSites == null ? "" : rawSites.toString();
        if (ALL_SITES.equals(sites)) {
            return new Actor(id.toString(), Role.valueOf(role.toString()), Set.of(), true);
        }
        Set<UUID> siteIds = sites.isBlank() ? Set.of()
                : Arrays.stream(sites.split(",")).map(UUID::fromString).collect(Collectors.toSet());
        return new Actor(id.toString(), Role.valueOf(role.toString()), siteIds, false);
    }
}
