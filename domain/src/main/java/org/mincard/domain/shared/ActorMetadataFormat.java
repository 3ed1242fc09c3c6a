package org.mincard.domain.shared;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How the acting user is written into message metadata, on every command and by correlation on every event it
 * causes: the keys, and the conversion both ways. The opaque user id, the role name, and the site ids (ascending,
 * comma-separated) or {@value #ALL_SITES}. Ids and roles only; never a name. (The application's
 * {@code ActorMetadataInterceptor} is what puts the authenticated caller there.)
 */
public final class ActorMetadataFormat {

    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String ACTOR_SITES = "actorSites";
    public static final String ALL_SITES = "*";
    public static final List<String> KEYS = List.of(ACTOR_ID, ACTOR_ROLE, ACTOR_SITES);

    private ActorMetadataFormat() {
    }

    public static Map<String, String> of(Actor actor) {
        Map<String, String> metaData = new HashMap<>();
        metaData.put(ACTOR_ID, actor.userId());
        metaData.put(ACTOR_ROLE, actor.role().name());
        metaData.put(ACTOR_SITES, actor.allSites() ? ALL_SITES
                : actor.siteIds().stream().map(UUID::toString).sorted().collect(Collectors.joining(",")));
        return metaData;
    }

    /**
     * The actor named by the metadata, or {@code null} when it names none. Such a message is refused by every handler
     * that takes an {@link Actor} (see {@link ActorParameterResolverFactory}); the system acts as
     * {@link Actor#system}, never as "no actor".
     */
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
