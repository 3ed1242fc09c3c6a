package org.mincard.projections.workqueue;

import org.mincard.domain.shared.CaseType;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Asks for one page of a queue, most urgent and oldest first.
 *
 * @param sites          the sites to list; null for every site
 * @param assignee       only cases assigned to this user id; null for any
 * @param unassignedOnly only cases nobody holds
 * @param type           only this case type; null for any
 * @param overdue        only overdue (true) or only not overdue (false) cases; null for both
 * @param caseIds        only these cases (a search's candidates); null for no such restriction
 * @param cardholderIds  only cases of these cardholders (a card-number search); null for no such restriction
 * @param after          the page starts after this position; null for the first page
 * @param asOf           the time against which "overdue" is decided
 */
public record ListQueueItems(WorkQueue queue, Set<UUID> sites, String assignee, boolean unassignedOnly, CaseType type,
                             Boolean overdue, Set<UUID> caseIds, Set<UUID> cardholderIds, QueueCursor after,
                             int limit, Instant asOf) {

    public ListQueueItems {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(asOf, "asOf");
        sites = sites == null ? null : Set.copyOf(sites);
        caseIds = caseIds == null ? null : Set.copyOf(caseIds);
        cardholderIds = cardholderIds == null ? null : Set.copyOf(cardholderIds);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }
}
