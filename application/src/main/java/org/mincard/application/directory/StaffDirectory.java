package org.mincard.application.directory;

import org.mincard.domain.shared.Role;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Staff display names by opaque user id: configured, or remembered from the identity provider's claims when someone
 * signs in to the console. Kept in memory only; names never enter events, logs or the access log, which keep ids.
 */
@Component
public class StaffDirectory {

    /** A member of staff: opaque user id, display name, role and sites (empty for city-wide roles). */
    public record Member(String userId, String displayName, Role role, Set<UUID> sites) {

        public boolean worksAt(UUID siteId) {
            return sites.contains(siteId);
        }
    }

    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final boolean assignOnlyKnownClerks;

    StaffDirectory(DirectoryProperties properties) {
        this.assignOnlyKnownClerks = properties.assignOnlyKnownClerks();
        properties.staff().forEach(staff -> members.put(staff.userId(),
                new Member(staff.userId(), staff.displayName(), staff.role(), Set.copyOf(staff.sites()))));
    }

    public Optional<Member> find(String userId) {
        return userId == null ? Optional.empty() : Optional.ofNullable(members.get(userId));
    }

    /** The display name, or the id itself for someone the directory does not know. */
    public String displayName(String userId) {
        if (userId == null) {
            return "";
        }
        return find(userId).map(Member::displayName).orElse(userId);
    }

    /** Whether a case may be given to this user: a clerk the directory knows at that site. */
    public boolean isClerkAt(String userId, UUID siteId) {
        return find(userId).filter(member -> member.role() == Role.CLERK && member.worksAt(siteId)).isPresent();
    }

    /** Whether a case may be assigned to this user id: a clerk the directory knows (unless that rule is off). */
    public boolean mayReceiveCases(String userId) {
        return !assignOnlyKnownClerks || find(userId).filter(member -> member.role() == Role.CLERK).isPresent();
    }

    /** The clerks of any of these sites, by display name. */
    public List<Member> clerksAt(Set<UUID> siteIds) {
        return members.values().stream()
                .filter(member -> member.role() == Role.CLERK && member.sites().stream().anyMatch(siteIds::contains))
                .sorted(Comparator.comparing(Member::displayName))
                .toList();
    }

    /** Adds or refreshes someone who signed in through the identity provider, from its claims. */
    public void remember(String userId, String displayName, Role role, Set<UUID> sites) {
        if (userId == null || displayName == null || displayName.isBlank()) {
            return;
        }
        members.put(userId, new Member(userId, displayName.strip(), role, Set.copyOf(sites)));
    }
}
