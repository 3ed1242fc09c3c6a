package org.mincard.application.retention.compliance;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.mincard.application.retention.policy.RetentionProperties;
import org.mincard.application.vault.ErasureHorizons;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.retention.HoldScope;
import org.mincard.domain.retention.LegalHoldPlaced;
import org.mincard.domain.retention.LegalHoldReleased;
import org.mincard.domain.retention.PersonalDataPurged;
import org.mincard.domain.retention.RetentionFact;
import org.mincard.domain.retention.RetentionFacts;
import org.mincard.domain.retention.RetentionPolicy;
import org.mincard.domain.retention.ScheduleCalculator;
import org.mincard.domain.retention.ScheduleCalculator.Item;
import org.mincard.domain.retention.ScheduleCalculator.Source;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Recomputes retention from the event store alone (no read model, no lookup table): folds every event in order
 * into an in-memory schedule with the same rules the projection uses, judges every purge against what was due at
 * the moment it happened, and lists what is due now and not purged.
 */
@Component
public class ComplianceCheck {

    private final EventStorageEngine events;
    private final RetentionFacts facts;
    private final RetentionPolicy policy;
    private final RetentionProperties properties;
    private final Clock clock;
    private final ErasureHorizons horizons;

    ComplianceCheck(EventStorageEngine events, RetentionFacts facts, RetentionPolicy policy,
                    RetentionProperties properties, Clock clock, ErasureHorizons horizons) {
        this.events = events;
        this.facts = facts;
        this.policy = policy;
        this.properties = properties;
        this.clock = clock;
        this.horizons = horizons;
    }

    /** One finding: a (subject, class) item, its due time and rule, and for purges when and under which rule. */
    public record Finding(UUID subjectId, DataClass dataClass, Instant dueAt, String ruleId, Instant purgedAt,
                          UUID sweepId) {
    }

    /**
     * The report; a healthy system has no violations, no early purges and no overdue KEK in {@code erasure}
     * (destroyed keys past their erasure horizon, those not yet past it with its date, KEKs held past their
     * destruction date; ADR 0010).
     */
    public record Report(Instant asOf, String profile, String policyVersion, long eventsRead, int items,
                         int dueNow, int purges, int purgesUnderOtherPolicy, int held, int overdueWithinGrace,
                         List<Finding> violations, List<Finding> earlyPurges, List<Finding> purgedWhileHeld,
                         ErasureHorizons.Report erasure) {
    }

    public Report check() {
        Instant now = clock.instant();
        Fold fold = new Fold();
        long read;
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(null, false)) {
            read = stream.mapToLong(message -> {
                fold.apply(message.getPayload());
                return 1;
            }).sum();
        }
        int items = 0;
        int dueNow = 0;
        int held = 0;
        int withinGrace = 0;
        List<Finding> violations = new ArrayList<>();
        for (Map.Entry<UUID, List<Source>> holder : fold.byHolder.entrySet()) {
            for (Item item : fold.items(holder.getKey())) {
                items++;
                if (!item.isDueBy(now)) {
                    continue;
                }
                dueNow++;
                if (fold.isHeld(holder.getKey())) {
                    held++;
                } else if (item.dueAt().plus(properties.complianceGrace()).isBefore(now)) {
                    violations.add(new Finding(item.cardholderId(), item.dataClass(), item.dueAt(), item.ruleId(),
                            null, null));
                } else {
                    withinGrace++;
                }
            }
        }
        return new Report(now, policy.profile(), policy.version(), read, items, dueNow, fold.purges,
                fold.purgesUnderOtherPolicy, held, withinGrace, violations, fold.early, fold.whileHeld,
                horizons.report());
    }

    /** The in-memory schedule. */
    private final class Fold {
        final Map<UUID, Source> sources = new HashMap<>();
        final Map<UUID, List<Source>> byHolder = new LinkedHashMap<>();
        final Map<UUID, Map<DataClass, Instant>> purged = new HashMap<>();
        final Map<UUID, HoldScope> holds = new HashMap<>();
        final List<Finding> early = new ArrayList<>();
        final List<Finding> whileHeld = new ArrayList<>();
        int purges;
        int purgesUnderOtherPolicy;

        void apply(Object event) {
            if (event instanceof LegalHoldPlaced placed) {
                holds.put(placed.holdId(), placed.scope());
                return;
            }
            if (event instanceof LegalHoldReleased released) {
                holds.remove(released.holdId());
                return;
            }
            if (event instanceof PersonalDataPurged purge) {
                judge(purge);
            }
            for (RetentionFact fact : facts.of(event)) {
                apply(fact);
            }
        }

        private void judge(PersonalDataPurged purge) {
            purges++;
            if (!purge.profile().equals(policy.profile()) || !purge.policyVersion().equals(policy.version())) {
                purgesUnderOtherPolicy++;
                return;
            }
            Item item = items(purge.cardholderId()).stream().filter(i -> i.dataClass() == purge.dataClass())
                    .findFirst().orElse(null);
            Finding finding = new Finding(purge.cardholderId(), purge.dataClass(),
                    item == null ? null : item.dueAt(), purge.ruleId(), purge.purgedAt(), purge.sweepId());
            if (item == null) {
                // Nothing of that class was held any more (purged already): a repeat, harmless but reported.
                return;
            }
            if (!item.isDueBy(purge.purgedAt())) {
                early.add(finding);
            }
            if (isHeld(purge.cardholderId())) {
                whileHeld.add(finding);
            }
        }

        private void apply(RetentionFact fact) {
            if (fact instanceof RetentionFact.SourceOpened f) {
                if (!sources.containsKey(f.sourceId())) {
                    Source source = ScheduleCalculator.empty(f.sourceId(), f.kind(), f.cardholderId(), f.siteId(),
                            f.openedOn());
                    sources.put(f.sourceId(), source);
                    byHolder.computeIfAbsent(f.cardholderId(), k -> new ArrayList<>()).add(source);
                }
            } else if (fact instanceof RetentionFact.ClassSealed f) {
                Source source = sources.get(f.sourceId());
                if (source != null) {
                    source.sealed().merge(f.dataClass(), f.at(), (a, b) -> a.isAfter(b) ? a : b);
                }
            } else if (fact instanceof RetentionFact.Occurred f) {
                Source source = sources.get(f.sourceId());
                if (source != null) {
                    source.facts().put(f.fact(), f.at());
                }
            } else if (fact instanceof RetentionFact.Retracted f) {
                Source source = sources.get(f.sourceId());
                if (source != null) {
                    source.facts().remove(f.fact());
                }
            } else if (fact instanceof RetentionFact.AppealState f) {
                Source source = sources.get(f.sourceId());
                if (source != null) {
                    Source changed = new Source(source.sourceId(), source.kind(), source.cardholderId(),
                            source.siteId(), source.openedOn(), source.sealed(), source.facts(), f.closesAt(),
                            f.pending());
                    sources.put(source.sourceId(), changed);
                    List<Source> list = byHolder.get(source.cardholderId());
                    list.set(list.indexOf(source), changed);
                }
            } else if (fact instanceof RetentionFact.Purged f) {
                purged.computeIfAbsent(f.cardholderId(), k -> new EnumMap<>(DataClass.class))
                        .merge(f.dataClass(), f.at(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }

        List<Item> items(UUID cardholderId) {
            return ScheduleCalculator.items(cardholderId, byHolder.getOrDefault(cardholderId, List.of()),
                    purged.getOrDefault(cardholderId, Map.of()), policy);
        }

        boolean isHeld(UUID cardholderId) {
            if (holds.isEmpty()) {
                return false;
            }
            List<Source> owned = byHolder.getOrDefault(cardholderId, List.of());
            for (HoldScope scope : holds.values()) {
                if (scope.coversSubject(cardholderId)) {
                    return true;
                }
                for (Source source : owned) {
                    if ((source.kind() == RetentionFact.SourceKind.CASE && scope.coversCase(source.sourceId()))
                            || scope.coversSite(source.siteId(), source.openedOn())) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
