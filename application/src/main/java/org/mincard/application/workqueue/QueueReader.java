package org.mincard.application.workqueue;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.card.CardRegistry;
import org.mincard.application.card.RegisteredCard;
import org.mincard.application.oversight.SearchKind;
import org.mincard.application.oversight.SearchLog;
import org.mincard.application.security.SiteScope;
import org.mincard.application.vault.AccessContext;
import org.mincard.application.vault.AccessPurpose;
import org.mincard.application.vault.PersonalDataGate;
import org.mincard.application.vault.UnsealRequest;
import org.mincard.application.vault.Unsealed;
import org.mincard.application.web.RequestProblems;
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.Priority;
import org.mincard.domain.personaldata.CardNumber;
import org.mincard.domain.personaldata.CardRecord;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.CaseType;
import org.mincard.projections.caseview.CaseSealedField;
import org.mincard.projections.caseview.ListSealedFields;
import org.mincard.projections.caseview.SealedField.CaseField;
import org.mincard.projections.workqueue.ListQueueItems;
import org.mincard.projections.workqueue.QueueCursor;
import org.mincard.projections.workqueue.QueueItem;
import org.mincard.projections.workqueue.QueuePage;
import org.mincard.projections.workqueue.WorkQueue;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A page of one queue for the API and the console alike: filters, keyset paging, search by case id, card number
 * or name (searches by card number or name go to the search log, never their terms), and, only when the caller
 * names a purpose, each item's legal name unsealed through the access gate (one gate call per page, one access
 * record per item shown).
 */
@Component
public class QueueReader {

    private final QueryGateway queries;
    private final SiteScope siteScope;
    private final CardRegistry cards;
    private final NameIndex names;
    private final PersonalDataGate gate;
    private final SearchLog searchLog;
    private final Clock clock;

    QueueReader(QueryGateway queries, SiteScope siteScope, CardRegistry cards, NameIndex names,
                PersonalDataGate gate, SearchLog searchLog, Clock clock) {
        this.queries = queries;
        this.siteScope = siteScope;
        this.cards = cards;
        this.names = names;
        this.gate = gate;
        this.searchLog = searchLog;
        this.clock = clock;
    }

    /** The applicant's name as unsealed for this read, or the class marked purged. */
    public record Applicant(String legalName, String purged) {
    }

    public record Item(UUID caseId, String queue, CaseState state, UUID siteId, CaseType type, String assignee,
                Priority priority, Instant enteredAt, long ageSeconds, Instant dueAt, boolean overdue,
                Applicant applicant) {
    }

    public record Page(String queue, Instant asOf, List<Item> items, String next) {
    }

    /**
     * One page: {@code assignee} is {@code me}, {@code unassigned} or a user id; {@code after} the previous page's
     * {@code next}; with a purpose, names are read through the gate and logged per item.
     */
    public Page page(Actor actor, WorkQueue workQueue, UUID site, String assignee, CaseType type, Boolean overdue,
                     String q, int pageSize, String after, Optional<AccessPurpose> purpose) {
        QueueCursor cursor = after == null ? null : QueueCursor.decode(after)
                .orElseThrow(() -> RequestProblems.invalid("after", "must be a cursor from a previous page"));
        Set<UUID> sites = sites(actor, site);
        String assigneeId = null;
        boolean unassigned = false;
        if ("me".equals(assignee)) {
            assigneeId = actor.userId();
        } else if ("unassigned".equals(assignee)) {
            unassigned = true;
        } else if (assignee != null) {
            if (!assignee.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
                throw RequestProblems.invalid("assignee", "must be 'me', 'unassigned' or a user id");
            }
            assigneeId = assignee;
        }
        Set<UUID> caseIds = null;
        Set<UUID> cardholderIds = null;
        Instant now = clock.instant();
        if (q != null && !q.isBlank()) {
            Search search = search(actor, workQueue, q.strip());
            if (search.isEmpty()) {
                return new Page(workQueue.path(), now, List.of(), null);
            }
            caseIds = search.caseIds();
            cardholderIds = search.cardholderIds();
        }
        QueuePage page = queries.query(new ListQueueItems(workQueue, sites, assigneeId, unassigned, type, overdue,
                caseIds, cardholderIds, cursor, pageSize, now), ResponseTypes.instanceOf(QueuePage.class)).join();
        Map<UUID, Applicant> applicants = purpose.isPresent() ? applicants(actor, purpose.get(), page.items())
                : Map.of();
        List<Item> items = page.items().stream().map(item -> new Item(item.caseId(), item.queue().path(),
                item.state(), item.siteId(), item.type(), item.assignee(), item.priority(), item.enteredAt(),
                Duration.between(item.enteredAt(), now).toSeconds(), item.dueAt(), item.overdue(),
                applicants.get(item.caseId()))).toList();
        return new Page(workQueue.path(), now, items, page.next() == null ? null : page.next().encode());
    }

    /** The sites to list: the asked site (404 if not visible), else every site the actor may see (null: all). */
    private Set<UUID> sites(Actor actor, UUID site) {
        if (site != null) {
            siteScope.requireVisible(actor, site, "Site " + site);
            return Set.of(site);
        }
        return siteScope.visibleSites(actor).orElse(null);
    }

    private record Search(Set<UUID> caseIds, Set<UUID> cardholderIds) {

        boolean isEmpty() {
            return caseIds != null && caseIds.isEmpty() || cardholderIds != null && cardholderIds.isEmpty();
        }
    }

    /** A case id, a card number or a name; searches by card number or name are logged (never their terms). */
    private Search search(Actor actor, WorkQueue queue, String q) {
        try {
            return new Search(Set.of(UUID.fromString(q)), null);
        } catch (IllegalArgumentException notACaseId) {
            // not a case id: a card number or a name
        }
        String digits = q.replace(" ", "").replace("-", "");
        if (digits.chars().allMatch(Character::isDigit) && !digits.isEmpty()) {
            Set<UUID> holders = !CardNumber.isWellFormed(digits) ? Set.of()
                    : cards.findByNumber(digits).map(RegisteredCard::cardholderId).map(Set::of).orElse(Set.of());
            searchLog.record(actor, SearchKind.CARD_NUMBER, queue.path(), 1, holders.size());
            return new Search(null, holders);
        }
        Set<UUID> found = names.find(q);
        searchLog.record(actor, SearchKind.NAME, queue.path(),
                Math.min(NameIndex.tokens(q).size(), NameIndex.MAX_QUERY_TOKENS), found.size());
        return new Search(found, null);
    }

    private Map<UUID, Applicant> applicants(Actor actor, AccessPurpose purpose, List<QueueItem> items) {
        if (items.isEmpty()) {
            return Map.of();
        }
        Map<UUID, UUID> siteOf = new HashMap<>();
        items.forEach(item -> siteOf.put(item.caseId(), item.siteId()));
        List<CaseSealedField> sealed = queries.query(new ListSealedFields(new LinkedHashSet<>(siteOf.keySet()),
                CaseField.CARD_RECORD), ResponseTypes.multipleInstancesOf(CaseSealedField.class)).join();
        if (sealed.isEmpty()) {
            return Map.of();
        }
        List<UnsealRequest> requests = new ArrayList<>();
        for (CaseSealedField field : sealed) {
            requests.add(new UnsealRequest(field.value(), AccessContext.ofCase(field.caseId(),
                    siteOf.get(field.caseId()))));
        }
        if (!gate.permits(actor, purpose, requests.get(0).context(), requests.get(0).value())) {
            // Refused whole: recorded as refused, nothing decrypted.
            gate.unsealAll(actor, purpose, requests).get(0).orRefuse();
        }
        List<Unsealed> answers = gate.unsealAll(actor, purpose, requests);
        Map<UUID, Applicant> applicants = new HashMap<>();
        for (int i = 0; i < sealed.size(); i++) {
            Unsealed answer = answers.get(i);
            if (answer instanceof Unsealed.Shown shown) {
                applicants.put(sealed.get(i).caseId(), new Applicant(shown.data(CardRecord.class).legalName(), null));
            } else if (answer instanceof Unsealed.Purged purged) {
                applicants.put(sealed.get(i).caseId(), new Applicant(null, purged.dataClass().name()));
            }
        }
        return applicants;
    }
}
