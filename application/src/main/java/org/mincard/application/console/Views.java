package org.mincard.application.console;

import org.mincard.application.directory.SiteDirectory;
import org.mincard.application.directory.StaffDirectory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/** Small formatting helpers the templates call: names for ids, ages, times in the site's zone. */
final class Views {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.US);

    private final StaffDirectory staff;
    private final SiteDirectory sites;

    Views(StaffDirectory staff, SiteDirectory sites) {
        this.staff = staff;
        this.sites = sites;
    }

    public String site(UUID siteId) {
        return sites.name(siteId);
    }

    public String person(String userId) {
        if (userId == null) {
            return "—";
        }
        if (userId.startsWith("system:")) {
            return "System (" + userId.substring("system:".length()) + ")";
        }
        return staff.displayName(userId);
    }

    /** A time as the site's clock showed it, with the zone. */
    public String at(Instant instant, UUID siteId) {
        if (instant == null) {
            return "";
        }
        ZoneId zone = sites.zone(siteId);
        return TIME.format(instant.atZone(zone)) + " " + zone.getId();
    }

    public String age(Instant since) {
        if (since == null) {
            return "";
        }
        Duration age = Duration.between(since, Instant.now());
        if (age.toDays() > 0) {
            return age.toDays() + " d " + age.toHoursPart() + " h";
        }
        if (age.toHours() > 0) {
            return age.toHours() + " h " + age.toMinutesPart() + " min";
        }
        return Math.max(0, age.toMinutes()) + " min";
    }

    public String label(Enum<?> value) {
        if (value == null) {
            return "";
        }
        String text = value.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
