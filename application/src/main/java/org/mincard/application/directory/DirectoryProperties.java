package org.mincard.application.directory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.mincard.domain.shared.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The city's sites and staff as people read them (docs/console.md). Documented in docs/config/directory.md.
 *
 * @param defaultTimeZone the zone of a site that names none, and of city-wide figures
 * @param sites           the service sites: id, name, office address, time zone
 * @param staff           staff display names by the identity provider's opaque user id; people who sign in to the
 *                        console through the provider are added from their {@code name} claim
 * @param assignOnlyKnownClerks whether a case may be assigned only to a clerk the staff directory knows (a typo in a
 *                        clerk id would otherwise hand the case to nobody); off only where clerks never appear in
 *                        the directory (no staff configured and nobody signs in to the console)
 */
@Validated
@ConfigurationProperties("mincard.directory")
record DirectoryProperties(
        @NotNull @DefaultValue("UTC") ZoneId defaultTimeZone,
        @DefaultValue List<@Valid Site> sites,
        @DefaultValue List<@Valid Staff> staff,
        @DefaultValue("true") boolean assignOnlyKnownClerks) {

    DirectoryProperties {
        sites = List.copyOf(sites);
        staff = List.copyOf(staff);
    }

    record Site(@NotNull UUID id, @NotBlank String name, String address, ZoneId timeZone) {
    }

    record Staff(@NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}") String userId,
                 @NotBlank String displayName, @NotNull Role role, @DefaultValue Set<UUID> sites) {
    }
}
