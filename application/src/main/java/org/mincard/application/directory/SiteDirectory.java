package org.mincard.application.directory;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The configured sites: a name and an office address for each id, and the time zone its days are counted in. */
@Component
public class SiteDirectory {

    /** One service site as people know it. */
    public record Site(UUID siteId, String name, String address, ZoneId timeZone) {
    }

    private final Map<UUID, Site> sites = new LinkedHashMap<>();
    private final ZoneId defaultZone;

    SiteDirectory(DirectoryProperties properties) {
        this.defaultZone = properties.defaultTimeZone();
        properties.sites().forEach(site -> sites.put(site.id(), new Site(site.id(), site.name(),
                site.address() == null ? "" : site.address(),
                site.timeZone() == null ? defaultZone : site.timeZone())));
    }

    public List<Site> all() {
        return List.copyOf(sites.values());
    }

    public Optional<Site> find(UUID siteId) {
        return Optional.ofNullable(sites.get(siteId));
    }

    /** The site's name, or its id when the directory does not list it (never an error: ids stay readable). */
    public String name(UUID siteId) {
        if (siteId == null) {
            return "";
        }
        Site site = sites.get(siteId);
        return site == null ? siteId.toString() : site.name();
    }

    public ZoneId zone(UUID siteId) {
        Site site = siteId == null ? null : sites.get(siteId);
        return site == null ? defaultZone : site.timeZone();
    }

    public ZoneId defaultZone() {
        return defaultZone;
    }

    /** The calendar day at the site when this instant happened. */
    public LocalDate dayAt(UUID siteId, Instant instant) {
        return instant.atZone(zone(siteId)).toLocalDate();
    }
}
