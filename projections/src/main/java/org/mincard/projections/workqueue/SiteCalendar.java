package org.mincard.projections.workqueue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The time zone each site counts its days in (ADR 0027): the dashboard's per-day figures are bucketed by the site's
 * local date when the work-queue projection writes them, because each site has one zone. A site it does not list
 * counts in {@code defaultZone}, and so do facts that carry no site (card revocations).
 */
public record SiteCalendar(ZoneId defaultZone, Map<UUID, ZoneId> zones) {

    public static final SiteCalendar UTC = new SiteCalendar(ZoneOffset.UTC, Map.of());

    public SiteCalendar {
        Objects.requireNonNull(defaultZone, "defaultZone");
        zones = zones == null ? Map.of() : Map.copyOf(zones);
    }

    public ZoneId zone(UUID siteId) {
        return siteId == null ? defaultZone : zones.getOrDefault(siteId, defaultZone);
    }

    /** The calendar day the site's clock showed at this instant. */
    public LocalDate dayAt(UUID siteId, Instant at) {
        return LocalDate.ofInstant(at, zone(siteId));
    }
}
