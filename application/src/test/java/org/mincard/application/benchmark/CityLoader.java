package org.mincard.application.benchmark;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.mincard.application.card.CardRegistry;
import org.mincard.application.casefile.DocumentCatalogue;
import org.mincard.application.migration.NewAggregates;
import org.mincard.domain.cardholder.CardValidityPolicy;
import org.mincard.domain.cardholder.Cardholder;
import org.mincard.domain.cardholder.ProduceCard;
import org.mincard.domain.cardholder.ReinstateCard;
import org.mincard.domain.cardholder.ReportCardLost;
import org.mincard.domain.cardholder.RevocationReason;
import org.mincard.domain.cardholder.RevokeCard;
import org.mincard.domain.casefile.AbandonCase;
import org.mincard.domain.casefile.AppealDenial;
import org.mincard.domain.casefile.ApproveCase;
import org.mincard.domain.casefile.CancelCase;
import org.mincard.domain.casefile.CancellationReason;
import org.mincard.domain.casefile.CaseFile;
import org.mincard.domain.casefile.CheckInApplicant;
import org.mincard.domain.casefile.ConfirmDelivery;
import org.mincard.domain.casefile.DecideAppeal;
import org.mincard.domain.casefile.DenialReason;
import org.mincard.domain.casefile.DenyCase;
import org.mincard.domain.casefile.DocumentType;
import org.mincard.domain.casefile.EscalateCase;
import org.mincard.domain.casefile.EscalationReason;
import org.mincard.domain.casefile.HandOverCard;
import org.mincard.domain.casefile.MailCard;
import org.mincard.domain.casefile.MarkCardReturned;
import org.mincard.domain.casefile.MarkNoShow;
import org.mincard.domain.casefile.PointsTally;
import org.mincard.domain.casefile.RecordCardProduction;
import org.mincard.domain.casefile.RecordDocumentReview;
import org.mincard.domain.casefile.ReturnFromEscalation;
import org.mincard.domain.casefile.SubmitCase;
import org.mincard.domain.casefile.WithdrawCase;
import org.mincard.domain.personaldata.CardNumber;
import org.mincard.domain.personaldata.CardRecord;
import org.mincard.domain.personaldata.Contact;
import org.mincard.domain.personaldata.Delivery;
import org.mincard.domain.personaldata.PersonalDataSealer;
import org.mincard.domain.personaldata.Review;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.ActorMetadataFormat;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.ReplacementReason;
import org.mincard.domain.shared.Role;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads a city through the aggregates' own command handlers, with each actor in the metadata, personal data sealed
 * by the vault, card numbers reserved and registered as {@code CardProduction} does. Cardholders are spread over the
 * sites; their cases end in every lifecycle state, with renewals, replacements, revocations and appealed denials.
 * Business times lie in the past (a city's history), so renewal windows and appeal deadlines hold.
 *
 * <p>Two paths ({@code bench.load-path}): {@code bulk} (the default) runs a chunk's commands in memory on its new
 * aggregates ({@link NewAggregates}, as the cardholder import does, ADR 0021) and publishes the chunk's events, in
 * command order, through Axon's event store in one transaction with the chunk's keys and card numbers, so the
 * subscribing lookups (case lookup, card registry) are written as they are for commands; {@code commands} sends every
 * command through the command gateway, one aggregate load, append and commit per command, as clients do.
 *
 * <p>Progress is kept per chunk in {@code bench.city_chunk}, so a later run on the same database loads only what is
 * missing. A chunk interrupted half-way is loaded again in full (its first cardholders then exist twice).
 */
final class CityLoader {

    static final int CHUNK = 500;
    private static final Instant NOW = Instant.now();
    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);

    /** How a case ends (or, for open states, where it stops). */
    enum Outcome {
        HANDED_OVER, DELIVERED, RETURNED_THEN_PICKED_UP, ESCALATED_THEN_HANDED_OVER, APPEAL_GRANTED_THEN_HANDED_OVER,
        DENIED, APPEAL_UPHELD, WITHDRAWN, NO_SHOW, ABANDONED, CANCELLED,
        SUBMITTED, CHECKED_IN, UNDER_REVIEW, SUPERVISOR_REVIEW, APPROVED, APPEALED, CARD_PRODUCED, MAILED;

        boolean producesCard() {
            return this == HANDED_OVER || this == DELIVERED || this == RETURNED_THEN_PICKED_UP
                    || this == ESCALATED_THEN_HANDED_OVER || this == APPEAL_GRANTED_THEN_HANDED_OVER
                    || this == CARD_PRODUCED || this == MAILED;
        }
    }

    /** Per mille weights of the first case's outcome. */
    private static final Map<Outcome, Integer> WEIGHTS = Map.ofEntries(
            Map.entry(Outcome.HANDED_OVER, 520), Map.entry(Outcome.DELIVERED, 120),
            Map.entry(Outcome.RETURNED_THEN_PICKED_UP, 15), Map.entry(Outcome.ESCALATED_THEN_HANDED_OVER, 40),
            Map.entry(Outcome.APPEAL_GRANTED_THEN_HANDED_OVER, 15), Map.entry(Outcome.DENIED, 30),
            Map.entry(Outcome.APPEAL_UPHELD, 15), Map.entry(Outcome.WITHDRAWN, 15), Map.entry(Outcome.NO_SHOW, 30),
            Map.entry(Outcome.ABANDONED, 10), Map.entry(Outcome.CANCELLED, 10),
            Map.entry(Outcome.SUBMITTED, 40), Map.entry(Outcome.CHECKED_IN, 25), Map.entry(Outcome.UNDER_REVIEW, 40),
            Map.entry(Outcome.SUPERVISOR_REVIEW, 15), Map.entry(Outcome.APPROVED, 15), Map.entry(Outcome.APPEALED, 10),
            Map.entry(Outcome.CARD_PRODUCED, 20), Map.entry(Outcome.MAILED, 15));
    private static final List<Outcome> DRAW = new ArrayList<>();

    static {
        for (Outcome outcome : Outcome.values()) {
            for (int i = 0; i < WEIGHTS.getOrDefault(outcome, 0); i++) {
                DRAW.add(outcome);
            }
        }
    }

    /** What a load did. */
    record Loaded(int cardholdersBefore, int cardholdersAfter, long commands, long events, double seconds,
                  long failures) {

        double commandsPerSecond() {
            return seconds == 0 ? 0 : commands / seconds;
        }

        double eventsPerSecond() {
            return seconds == 0 ? 0 : events / seconds;
        }
    }

    private final CommandGateway gateway;
    private final boolean bulk = !"commands".equals(System.getProperty("bench.load-path", "bulk"));
    private final NewAggregates aggregates;
    private final EventStore eventStore;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();
    private final ThreadLocal<Chunk> chunk = new ThreadLocal<>();
    private final PersonalDataSealer sealer;
    private final CardRegistry registry;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final CardValidityPolicy validity;
    private final List<DocumentType> sufficientDocuments;
    private final List<UUID> sites;
    private final Actor supervisor = new Actor(UUID.randomUUID().toString(), Role.SUPERVISOR, Set.of(), true);
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    CityLoader(ApplicationContext context, List<UUID> sites) {
        this.gateway = context.getBean(CommandGateway.class);
        this.aggregates = new NewAggregates(context.getBean(Configuration.class));
        this.eventStore = context.getBean(EventStore.class);
        this.sealer = context.getBean(PersonalDataSealer.class);
        this.registry = context.getBean(CardRegistry.class);
        this.transaction = context.getBean(TransactionTemplate.class);
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.validity = context.getBean(CardValidityPolicy.class);
        DocumentCatalogue catalogue = context.getBean(DocumentCatalogue.class);
        this.sufficientDocuments = List.of(catalogue.find("FOREIGN_PASSPORT").orElseThrow(),
                catalogue.find("UTILITY_BILL").orElseThrow());
        this.sites = List.copyOf(sites);
        BenchSchema.create(context.getEnvironment(),
                "CREATE TABLE IF NOT EXISTS bench.city_chunk (chunk integer NOT NULL, cardholders integer NOT NULL,"
                        + " CONSTRAINT city_chunk_pk PRIMARY KEY (chunk))");
    }

    int loadedCardholders() {
        Integer loaded = jdbc.queryForObject("SELECT coalesce(sum(cardholders), 0)::int FROM bench.city_chunk",
                Integer.class);
        return loaded == null ? 0 : loaded;
    }

    Loaded load(int cardholders, int threads) throws InterruptedException {
        int before = loadedCardholders();
        Set<Integer> done = Set.copyOf(jdbc.queryForList("SELECT chunk FROM bench.city_chunk", Integer.class));
        int chunks = (cardholders + CHUNK - 1) / CHUNK;
        List<Integer> todo = new ArrayList<>();
        for (int chunk = 0; chunk < chunks; chunk++) {
            if (!done.contains(chunk)) {
                todo.add(chunk);
            }
        }
        if (todo.isEmpty()) {
            return new Loaded(before, before, 0, 0, 0, 0);
        }
        long eventsBefore = eventCount();
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finishedChunks = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < todo.size(); i = next.getAndIncrement()) {
                    int chunk = todo.get(i);
                    int first = chunk * CHUNK;
                    int last = Math.min(cardholders, first + CHUNK);
                    if (bulk) {
                        loadInOneTransaction(chunk, first, last);
                    } else {
                        for (int index = first; index < last; index++) {
                            loadCardholder(index);
                        }
                        recordChunk(chunk, last - first);
                    }
                    int finished = finishedChunks.incrementAndGet();
                    if (finished % Math.max(1, todo.size() / 20) == 0) {
                        System.out.printf("bench: loaded %d of %d chunks (%.0f s)%n", finished, todo.size(),
                                (System.nanoTime() - start) / 1e9);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(7, TimeUnit.DAYS)) {
            throw new IllegalStateException("load did not finish");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Loaded(before, loadedCardholders(), commands.get(), eventCount() - eventsBefore, seconds,
                failures.get());
    }

    /** A chunk on the bulk path: its events in command order, and what must follow their append. */
    private static final class Chunk {

        final Map<String, NewAggregates.Run<?>> runs = new HashMap<>();
        final List<DomainEventMessage<?>> events = new ArrayList<>();
        final List<Runnable> afterAppend = new ArrayList<>();
    }

    private void loadInOneTransaction(int number, int first, int last) {
        transaction.executeWithoutResult(status -> {
            Chunk current = new Chunk();
            chunk.set(current);
            try {
                for (int index = first; index < last; index++) {
                    loadCardholder(index);
                }
                // Through the event store, not only its storage engine: the subscribing lookups see the events
                // in this transaction, as they see a command's.
                eventStore.publish(current.events);
                current.afterAppend.forEach(Runnable::run);
                recordChunk(number, last - first);
            } finally {
                chunk.remove();
            }
        });
    }

    private void recordChunk(int number, int cardholders) {
        jdbc.update("INSERT INTO bench.city_chunk (chunk, cardholders) VALUES (?, ?) ON CONFLICT (chunk) DO NOTHING",
                number, cardholders);
    }

    long eventCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        return count == null ? 0 : count;
    }

    private void loadCardholder(int index) {
        Random random = new Random(index * 7919L + 17);
        UUID site = sites.get(index % sites.size());
        Actor clerk = new Actor(UUID.nameUUIDFromBytes(("bench-clerk-" + site).getBytes()).toString(), Role.CLERK,
                Set.of(site), false);
        UUID holder = UUID.randomUUID();
        int roll = random.nextInt(100);
        boolean renews = roll < 10;
        boolean replaces = roll >= 10 && roll < 16;
        boolean revoked = roll >= 16 && roll < 20;
        Outcome first = renews || replaces || revoked ? Outcome.HANDED_OVER : DRAW.get(random.nextInt(DRAW.size()));
        LocalDate birth = TODAY.minusYears(renews ? 25 + random.nextInt(35) : 6 + random.nextInt(80))
                .minusDays(random.nextInt(365));
        // Renewing cards were issued five years ago, so their renewal window is open now; open cases are recent.
        Instant start = renews ? NOW.minus(Duration.ofDays(5 * 365 - 20 + random.nextInt(10)))
                : first.ordinal() >= Outcome.SUBMITTED.ordinal() ? NOW.minus(Duration.ofHours(240 + random.nextInt(480)))
                : NOW.minus(Duration.ofDays(40 + random.nextInt(650)));
        Chunk current = chunk.get();
        int eventsBefore = current == null ? 0 : current.events.size();
        int afterBefore = current == null ? 0 : current.afterAppend.size();
        if (current != null) {
            current.runs.clear();
        }
        try {
            UUID card = runCase(CaseType.NEW, holder, birth, null, null, site, clerk, start, first, random);
            if (card == null) {
                return;
            }
            if (renews) {
                runCase(CaseType.RENEWAL, holder, birth, card, null, site, clerk,
                        NOW.minus(Duration.ofDays(10 + random.nextInt(20))), Outcome.HANDED_OVER, random);
            } else if (replaces) {
                Instant lost = start.plus(Duration.ofDays(20 + random.nextInt(20)));
                ReplacementReason reason = ReplacementReason.values()[random.nextInt(3)];
                send(new ReportCardLost(holder, card, reason, lost), clerk);
                runCase(CaseType.REPLACEMENT, holder, birth, card, reason, site, clerk, lost.plusSeconds(600),
                        Outcome.HANDED_OVER, random);
            } else if (revoked) {
                Instant at = start.plus(Duration.ofDays(30 + random.nextInt(30)));
                send(new RevokeCard(holder, card, RevocationReason.values()[random.nextInt(4)], at), supervisor);
                if (random.nextInt(4) == 0) {
                    send(new ReinstateCard(holder, card, at.plus(Duration.ofDays(7))), supervisor);
                }
            }
        } catch (RuntimeException e) {
            // Synthetic data only; the message names ids and states, never plaintext.
            if (failures.incrementAndGet() <= 5) {
                System.err.println("bench: cardholder " + index + " failed: " + e);
            }
            if (current != null) {
                // Nothing of a failed cardholder is appended (its keys and reserved numbers stay, unused).
                current.events.subList(eventsBefore, current.events.size()).clear();
                current.afterAppend.subList(afterBefore, current.afterAppend.size()).clear();
            }
        }
    }

    /** Runs one case to its outcome; answers the produced card's id, or null when no card was produced. */
    private UUID runCase(CaseType type, UUID holder, LocalDate birth, UUID previousCard, ReplacementReason reason,
                         UUID site, Actor clerk, Instant at, Outcome outcome, Random random) {
        UUID caseId = UUID.randomUUID();
        Clock clock = new Clock(at, random);
        AgeBand band = validity.ageBand(birth, LocalDate.ofInstant(at, ZoneOffset.UTC));
        var cardRecord = sealer.seal(holder, new CardRecord("Bench Person " + Long.toHexString(random.nextLong()),
                birth, random.nextInt(10) == 0 ? "X" : null));
        var contact = sealer.seal(holder, new Contact("+1 312 555 " + (1000 + random.nextInt(9000)), null));
        boolean mailed = outcome == Outcome.DELIVERED || outcome == Outcome.RETURNED_THEN_PICKED_UP
                || outcome == Outcome.MAILED;
        var delivery = mailed ? sealer.seal(holder, new Delivery("Shelter " + random.nextInt(50),
                random.nextInt(900) + " Main St", null, "Chicago", "IL", "606" + (10 + random.nextInt(80)))) : null;
        send(new SubmitCase(caseId, type, site, holder, band, cardRecord, contact, delivery, previousCard, reason,
                clock.now()), clerk);
        switch (outcome) {
            case SUBMITTED -> {
                return null;
            }
            case NO_SHOW -> {
                send(new MarkNoShow(caseId, clock.next()), clerk);
                return null;
            }
            case CANCELLED -> {
                send(new CancelCase(caseId, CancellationReason.values()[random.nextInt(2)], clock.next()), clerk);
                return null;
            }
            default -> {
            }
        }
        send(new CheckInApplicant(caseId, clock.next()), clerk);
        if (outcome == Outcome.CHECKED_IN) {
            return null;
        }
        if (outcome == Outcome.ABANDONED) {
            send(new AbandonCase(caseId, clock.next()), clerk);
            return null;
        }
        var review = sealer.seal(holder, new Review(sufficientDocuments.stream()
                .map(document -> new Review.DocumentPresented(document.code())).toList(), null, "seen in person"));
        send(new RecordDocumentReview(caseId, review, PointsTally.of(sufficientDocuments), clock.next()), clerk);
        switch (outcome) {
            case UNDER_REVIEW -> {
                return null;
            }
            case WITHDRAWN -> {
                send(new WithdrawCase(caseId, clock.next()), clerk);
                return null;
            }
            case SUPERVISOR_REVIEW, ESCALATED_THEN_HANDED_OVER -> {
                send(new EscalateCase(caseId, EscalationReason.values()[random.nextInt(4)], clock.next()), clerk);
                if (outcome == Outcome.SUPERVISOR_REVIEW) {
                    return null;
                }
                send(new ReturnFromEscalation(caseId, clock.next()), supervisor);
                send(new ApproveCase(caseId, clock.next()), clerk);
            }
            case DENIED, APPEALED, APPEAL_UPHELD, APPEAL_GRANTED_THEN_HANDED_OVER -> {
                Instant denied = clock.next();
                send(new DenyCase(caseId, DenialReason.values()[random.nextInt(5)], denied,
                        denied.plus(Duration.ofDays(30))), clerk);
                if (outcome == Outcome.DENIED) {
                    return null;
                }
                send(new AppealDenial(caseId, clock.nextDays(3)), clerk);
                if (outcome == Outcome.APPEALED) {
                    return null;
                }
                send(new DecideAppeal(caseId, outcome == Outcome.APPEAL_GRANTED_THEN_HANDED_OVER, clock.nextDays(5)),
                        supervisor);
                if (outcome == Outcome.APPEAL_UPHELD) {
                    return null;
                }
            }
            default -> send(new ApproveCase(caseId, clock.next()), clerk);
        }
        if (outcome == Outcome.APPROVED) {
            return null;
        }
        UUID cardId = UUID.randomUUID();
        Instant produced = clock.nextDays(2);
        transaction.executeWithoutResult(status -> {
            String number = reserveNumber(random);
            send(new RecordCardProduction(caseId, cardId, produced), clerk);
            send(new ProduceCard(holder, cardId, caseId, type, site, sealer.seal(holder, new CardNumber(number)), band,
                    previousCard, LocalDate.ofInstant(produced, ZoneOffset.UTC)), clerk);
            afterAppend(() -> registry.assignNumber(cardId, number));
        });
        switch (outcome) {
            case CARD_PRODUCED -> {
            }
            case MAILED -> send(new MailCard(caseId, null, clock.next()), clerk);
            case DELIVERED -> {
                send(new MailCard(caseId, null, clock.next()), clerk);
                send(new ConfirmDelivery(caseId, clock.nextDays(3)), clerk);
            }
            case RETURNED_THEN_PICKED_UP -> {
                send(new MailCard(caseId, null, clock.next()), clerk);
                send(new MarkCardReturned(caseId, clock.nextDays(4)), clerk);
                send(new HandOverCard(caseId, clock.nextDays(3)), clerk);
            }
            default -> send(new HandOverCard(caseId, clock.nextDays(7)), clerk);
        }
        return cardId;
    }

    private String reserveNumber(Random random) {
        for (int attempt = 0; attempt < 5; attempt++) {
            StringBuilder digits = new StringBuilder(16).append(1 + random.nextInt(9));
            for (int i = 1; i < 15; i++) {
                digits.append(random.nextInt(10));
            }
            String number = digits.append(CardNumber.checkDigit(digits.toString())).toString();
            if (registry.reserveNumber(number)) {
                return number;
            }
        }
        throw new IllegalStateException("no free card number");
    }

    private void send(Object command, Actor actor) {
        Chunk current = chunk.get();
        if (current == null) {
            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(ActorMetadataFormat.of(actor)));
        } else {
            MetaData metaData = MetaData.from(ActorMetadataFormat.of(actor));
            String target = targets.resolveTarget(GenericCommandMessage.asCommandMessage(command)).getIdentifier();
            NewAggregates.Run<?> run = current.runs.get(target);
            if (run != null) {
                run.then(command, metaData);
            } else if (command instanceof SubmitCase) {
                run = aggregates.create(CaseFile.class, command, metaData);
            } else if (command instanceof ProduceCard) {
                run = aggregates.create(Cardholder.class, command, metaData);
            } else {
                throw new IllegalStateException("no aggregate " + target + " for " + command.getClass().getSimpleName());
            }
            current.runs.put(target, run);
            current.events.addAll(run.drain());
        }
        commands.incrementAndGet();
    }

    /** Work that needs the events of the commands sent so far to be stored (now, or after the chunk's append). */
    private void afterAppend(Runnable work) {
        Chunk current = chunk.get();
        if (current == null) {
            work.run();
        } else {
            current.afterAppend.add(work);
        }
    }

    /** Business time of one case, moving forward by minutes or days. */
    private static final class Clock {

        private Instant current;
        private final Random random;

        Clock(Instant start, Random random) {
            this.current = start;
            this.random = random;
        }

        Instant now() {
            return current;
        }

        Instant next() {
            current = current.plus(Duration.ofMinutes(5 + random.nextInt(60)));
            return current;
        }

        Instant nextDays(int days) {
            current = current.plus(Duration.ofDays(days)).plus(Duration.ofMinutes(random.nextInt(120)));
            return current;
        }
    }
}
