package org.mincard.projections.workqueue;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Asks for the dashboard figures per day and site (each site's own days, ADR 0027), from {@code from} to {@code to} inclusive. */
public record GetDashboard(Set<UUID> sites, LocalDate from, LocalDate to) {

    public GetDashboard {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        sites = sites == null ? null : Set.copyOf(sites);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to must not be before from");
        }
    }
}
