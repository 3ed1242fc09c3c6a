package org.mincard.domain.retention;

import org.mincard.domain.personaldata.DataClass;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Due times per (cardholder, data class), ADR 0007. A cardholder's cases and cards share one key per class, so:
 * <ul>
 *   <li>each source (case or card) that sealed data of a class is one reason to keep that class;</li>
 *   <li>a reason ends at the earliest (trigger time + delay) among the profile's rules for that class whose trigger
 *       happened for that source; with none, the reason is open;</li>
 *   <li>a denied case's reasons cannot end before its appeal window closes, and not at all while an appeal is
 *       pending;</li>
 *   <li>a case's card record is SUBSUMED by the card produced for it, and a card's by the card that supersedes it;</li>
 *   <li>the item is due only when every reason has ended: at the latest end, under that reason's rule. An item
 *       whose latest end has no rule (only subsumed reasons) is never due, because nothing is purged without an
 *       authority.</li>
 * </ul>
 */
public final class ScheduleCalculator {

    /** The structural fact "covered by a later card": ends a card-record reason with no rule of its own. */
    public static final String SUBSUMED = "SUBSUMED";

    private ScheduleCalculator() {
    }

    /** One case or card of a cardholder, with the retention facts known for it. */
    public record Source(UUID sourceId, RetentionFact.SourceKind kind, UUID cardholderId, UUID siteId,
                         LocalDate openedOn, Map<DataClass, Instant> sealed, Map<String, Instant> facts,
                         Instant appealClosesAt, boolean appealPending) {
    }

    /** A (cardholder, class) item: due at dueAt under ruleId, or open (dueAt null) while some reason remains. */
    public record Item(UUID cardholderId, DataClass dataClass, Instant dueAt, String ruleId, Instant sealedAt) {

        public boolean isDueBy(Instant now) {
            return dueAt != null && !dueAt.isAfter(now);
        }
    }

    private record End(Instant at, RetentionRule rule) {
    }

    /** The items of one cardholder, given its sources and the latest purge per class (absent: never purged). */
    public static List<Item> items(UUID cardholderId, List<Source> sources, Map<DataClass, Instant> purges,
                                   RetentionPolicy policy) {
        List<Item> items = new ArrayList<>();
        for (DataClass dataClass : DataClass.values()) {
            Instant purgedAt = purges.get(dataClass);
            boolean any = false;
            boolean open = false;
            Instant latestSealed = null;
            End latest = null;
            Instant latestRuled = null;
            RetentionRule latestRule = null;
            for (Source source : sources) {
                Instant sealedAt = source.sealed().get(dataClass);
                if (sealedAt == null || (purgedAt != null && !sealedAt.isAfter(purgedAt))) {
                    continue;
                }
                any = true;
                latestSealed = latestSealed == null || sealedAt.isAfter(latestSealed) ? sealedAt : latestSealed;
                Optional<End> end = end(source, dataClass, policy);
                if (end.isEmpty()) {
                    open = true;
                    continue;
                }
                End e = end.get();
                if (latest == null || e.at().isAfter(latest.at())
                        || (e.at().equals(latest.at()) && latest.rule() == null)) {
                    latest = e;
                }
                if (e.rule() != null && (latestRuled == null || !e.at().isBefore(latestRuled))) {
                    latestRuled = e.at();
                    latestRule = e.rule();
                }
            }
            if (!any) {
                continue;
            }
            if (open || latest == null || latest.rule() == null && latestRule == null) {
                items.add(new Item(cardholderId, dataClass, null, null, latestSealed));
            } else {
                RetentionRule rule = latest.rule() != null ? latest.rule() : latestRule;
                items.add(new Item(cardholderId, dataClass, latest.at(), rule.id(), latestSealed));
            }
        }
        return items;
    }

    /** When this source's reason to keep this class ends, if it has ended or is scheduled to. */
    static Optional<End> end(Source source, DataClass dataClass, RetentionPolicy policy) {
        if (source.appealPending()) {
            return Optional.empty();
        }
        End earliest = null;
        for (Map.Entry<String, Instant> fact : source.facts().entrySet()) {
            End candidate;
            if (SUBSUMED.equals(fact.getKey())) {
                if (dataClass != DataClass.CARD_RECORD) {
                    continue;
                }
                candidate = new End(fact.getValue(), null);
            } else {
                Optional<RetentionRule> rule = policy.rule(dataClass, RetentionTrigger.valueOf(fact.getKey()));
                if (rule.isEmpty()) {
                    continue;
                }
                candidate = new End(rule.get().dueAfter(fact.getValue()), rule.get());
            }
            if (earliest == null || candidate.at().isBefore(earliest.at())
                    || (candidate.at().equals(earliest.at()) && earliest.rule() == null)) {
                earliest = candidate;
            }
        }
        if (earliest != null && source.appealClosesAt() != null && earliest.at().isBefore(source.appealClosesAt())) {
            earliest = new End(source.appealClosesAt(), earliest.rule());
        }
        return Optional.ofNullable(earliest);
    }

    /** A mutable copy of the sealed classes and facts, for folding facts in memory. */
    public static Source empty(UUID sourceId, RetentionFact.SourceKind kind, UUID cardholderId, UUID siteId,
                               LocalDate openedOn) {
        return new Source(sourceId, kind, cardholderId, siteId, openedOn, new EnumMap<>(DataClass.class),
                new HashMap<>(), null, false);
    }
}
