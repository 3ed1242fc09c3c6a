package org.mincard.domain.retention;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a legal hold covers: cases by id, subjects (cardholders) by id, and/or every case and card of one site whose
 * opening date falls in a closed date range. A held case or card holds every data class of its cardholder, because
 * a cardholder's cases share one key per class.
 */
public record HoldScope(List<UUID> caseIds, List<UUID> subjectIds, UUID siteId, LocalDate from, LocalDate to) {

    public HoldScope {
        caseIds = caseIds == null ? List.of() : List.copyOf(caseIds);
        subjectIds = subjectIds == null ? List.of() : List.copyOf(subjectIds);
        if ((siteId == null) != (from == null) || (from == null) != (to == null)) {
            throw new IllegalArgumentException("a site scope needs siteId, from and to together");
        }
        if (from != null && to.isBefore(from)) {
            throw new IllegalArgumentException("a site scope's range ends before it starts");
        }
        if (caseIds.isEmpty() && subjectIds.isEmpty() && siteId == null) {
            throw new IllegalArgumentException("a legal hold needs a scope");
        }
    }

    /** Whether a case or card opened at this site on this date falls in the site range. */
    public boolean coversSite(UUID site, LocalDate openedOn) {
        return siteId != null && siteId.equals(site) && openedOn != null
                && !openedOn.isBefore(from) && !openedOn.isAfter(to);
    }

    public boolean coversCase(UUID caseId) {
        return caseIds.contains(Objects.requireNonNull(caseId));
    }

    public boolean coversSubject(UUID subjectId) {
        return subjectIds.contains(Objects.requireNonNull(subjectId));
    }
}
