package org.mincard.application.console;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.casefile.CardProduction;
import org.mincard.application.casefile.DocumentCatalogue;
import org.mincard.application.retention.sweep.SweepRunner;
import org.mincard.application.security.ActingAs;
import org.mincard.application.workqueue.NameIndex;
import org.mincard.domain.cardholder.CardValidityPolicy;
import org.mincard.domain.casefile.AppealDenial;
import org.mincard.domain.casefile.ApproveCase;
import org.mincard.domain.casefile.AssignCase;
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.CheckInApplicant;
import org.mincard.domain.casefile.ClaimCase;
import org.mincard.domain.casefile.ConfirmDelivery;
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
import org.mincard.domain.casefile.RecordDocumentReview;
import org.mincard.domain.casefile.SubmitCase;
import org.mincard.domain.casefile.WithdrawCase;
import org.mincard.domain.personaldata.CardRecord;
import org.mincard.domain.personaldata.Contact;
import org.mincard.domain.personaldata.Delivery;
import org.mincard.domain.personaldata.PersonalDataSealer;
import org.mincard.domain.personaldata.Review;
import org.mincard.domain.request.LegalInstrument;
import org.mincard.domain.request.RegisterDataRequest;
import org.mincard.domain.request.RequestScope;
import org.mincard.domain.request.RequestedRecord;
import org.mincard.domain.request.RequesterType;
import org.mincard.domain.retention.HoldReason;
import org.mincard.domain.retention.HoldScope;
import org.mincard.domain.retention.PlaceLegalHold;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.Role;
import org.mincard.projections.caseview.CaseView;
import org.mincard.projections.caseview.GetCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The demo city (docs/console.md): on the first start of an embedded demo, fills the installation through the
 * command path with a small city, so that the console has something to show: a few hundred cardholders on both demo
 * sites in every queue state, some overdue (business times in the past), some claimed, some withdrawn or no-show
 * long enough ago for the retention sweep it then runs to purge them, a legal hold and a third-party request. It
 * acts as the demo staff ({@link ActingAs}); names are made up. Runs in the background once, marked by a file in the
 * data directory; off outside the demo ({@code mincard.demo-city.enabled}, and only with demo users).
 */
@Component
@ConditionalOnExpression("${mincard.demo-city.enabled:false} and '${mincard.security.mode:demo}' == 'demo'")
class DemoCity {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCity.class);
    static final UUID SITE_A = UUID.fromString("a0000000-0000-4000-8000-00000000000a");
    static final UUID SITE_B = UUID.fromString("b0000000-0000-4000-8000-00000000000b");
    static final Actor CLERK_A = new Actor("d0000000-0000-4000-8000-000000000001", Role.CLERK, Set.of(SITE_A), false);
    static final Actor CLERK_B = new Actor("d0000000-0000-4000-8000-000000000002", Role.CLERK, Set.of(SITE_B), false);
    static final Actor SUPERVISOR = new Actor("d0000000-0000-4000-8000-000000000003", Role.SUPERVISOR,
            Set.of(SITE_A, SITE_B), false);
    static final Actor RECORDS_OFFICER = new Actor("d0000000-0000-4000-8000-000000000004", Role.RECORDS_OFFICER,
            Set.of(), true);
    /** The target state of each case, cycled: every queue, the closed states and the side exits. */
    private static final List<CaseState> PATTERN = List.of(CaseState.SUBMITTED, CaseState.CHECKED_IN,
            CaseState.UNDER_REVIEW, CaseState.SUBMITTED, CaseState.APPROVED, CaseState.CARD_PRODUCED,
            CaseState.HANDED_OVER, CaseState.SUPERVISOR_REVIEW, CaseState.DENIED, CaseState.UNDER_REVIEW,
            CaseState.APPEALED, CaseState.MAILED, CaseState.WITHDRAWN, CaseState.SUBMITTED, CaseState.RETURNED,
            CaseState.DELIVERED, CaseState.NO_SHOW, CaseState.CHECKED_IN, CaseState.CARD_PRODUCED,
            CaseState.HANDED_OVER);
    private static final List<String> GIVEN = List.of("Ana", "Luis", "Mei", "Omar", "Fatima", "Jamal", "Sofia",
            "Dmitri", "Amara", "Kwame", "Lucia", "Hoang", "Priya", "Mateo", "Aisha", "Tomasz", "Yara", "Ikenna",
            "Rosa", "Samir");
    private static final List<String> FAMILY = List.of("Garcia", "Nguyen", "Okafor", "Haddad", "Kowalski",
            "Mendoza", "Chen", "Diallo", "Petrov", "Rahman", "Silva", "Johnson", "Morales", "Ibrahim", "Tran",
            "Lopez", "Mensah", "Novak", "Reyes", "Yilmaz");

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final PersonalDataSealer sealer;
    private final NameIndex names;
    private final CardValidityPolicy validity;
    private final DocumentCatalogue documents;
    private final CardProduction production;
    private final SweepRunner sweeps;
    private final Clock clock;
    private final int perSite;
    private final Path marker;

    DemoCity(CommandGateway commands, QueryGateway queries, PersonalDataSealer sealer, NameIndex names, CardValidityPolicy validity,
             DocumentCatalogue documents, CardProduction production, SweepRunner sweeps, Clock clock,
             @Value("${mincard.demo-city.cardholders-per-site:150}") int perSite,
             @Value("${mincard.data-directory}") Path dataDirectory) {
        this.commands = commands;
        this.queries = queries;
        this.sealer = sealer;
        this.names = names;
        this.validity = validity;
        this.documents = documents;
        this.production = production;
        this.sweeps = sweeps;
        this.clock = clock;
        this.perSite = perSite;
        this.marker = dataDirectory.resolve("demo-city-seeded");
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedOnce() {
        if (Files.exists(marker)) {
            return;
        }
        Thread seeding = new Thread(this::seed, "demo-city");
        seeding.setDaemon(true);
        seeding.start();
    }

    void seed() {
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "The demo city was seeded into this installation; delete to seed again.\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant started = Instant.now();
        Random random = new Random(18);
        List<UUID> withdrawn = new ArrayList<>();
        List<UUID> handedOver = new ArrayList<>();
        int seeded = 0;
        for (int i = 0; i < perSite * 2; i++) {
            UUID site = i % 2 == 0 ? SITE_A : SITE_B;
            Actor clerk = site.equals(SITE_A) ? CLERK_A : CLERK_B;
            CaseState target = PATTERN.get((i / 2) % PATTERN.size());
            int index = i;
            try {
                UUID caseId = ActingAs.actor(clerk, () -> build(index, site, clerk, target, random));
                if (target == CaseState.WITHDRAWN || target == CaseState.NO_SHOW) {
                    withdrawn.add(caseId);
                }
                if (target == CaseState.HANDED_OVER) {
                    handedOver.add(caseId);
                }
                seeded++;
            } catch (RuntimeException e) {
                LOG.warn("Demo city: one case not seeded ({})", e.getClass().getSimpleName());
            }
        }
        ActingAs.actor(RECORDS_OFFICER, () -> {
            Instant now = clock.instant();
            if (!withdrawn.isEmpty()) {
                commands.sendAndWait(new PlaceLegalHold(UUID.randomUUID(), new HoldScope(List.of(withdrawn.get(0)),
                        List.of(), null, null, null), HoldReason.LITIGATION_PENDING, "DEMO-CASE-2026-001", now));
            }
            if (!handedOver.isEmpty()) {
                commands.sendAndWait(new RegisterDataRequest(UUID.randomUUID(), RequesterType.LOCAL_POLICE,
                        LegalInstrument.ADMINISTRATIVE_SUBPOENA, new RequestScope(List.of(handedOver.get(0)),
                        List.of(), List.of(RequestedRecord.CARD_RECORD)),
                        LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(3)));
            }
            try {
                sweeps.start("ON_DEMAND", RECORDS_OFFICER.userId());
            } catch (RuntimeException e) {
                LOG.warn("Demo city: the first sweep did not start ({})", e.getClass().getSimpleName());
            }
            return null;
        });
        LOG.info("Demo city: {} cases seeded on 2 sites in {} s (mincard.demo-city.enabled=false turns this off)",
                seeded, Duration.between(started, Instant.now()).toSeconds());
    }

    /** One cardholder's case, driven to its target state with business times in the past. */
    private UUID build(int i, UUID site, Actor clerk, CaseState target, Random random) {
        Instant now = clock.instant();
        boolean closedLongAgo = target == CaseState.WITHDRAWN || target == CaseState.NO_SHOW;
        long ageHours = closedLongAgo ? 24L * (40 + random.nextInt(20)) : 2 + random.nextInt(24 * 8);
        Instant at = now.minus(Duration.ofHours(ageHours));
        UUID caseId = UUID.randomUUID();
        UUID cardholderId = UUID.randomUUID();
        String legalName = GIVEN.get(random.nextInt(GIVEN.size())) + " " + FAMILY.get(random.nextInt(FAMILY.size()));
        LocalDate born = i == 0 ? LocalDate.ofInstant(now, ZoneOffset.UTC)
                : LocalDate.of(1940 + random.nextInt(80), 1 + random.nextInt(12), 1 + random.nextInt(28));
        boolean mailed = target == CaseState.MAILED || target == CaseState.RETURNED || target == CaseState.DELIVERED;
        names.index(caseId, cardholderId, legalName);
        commands.sendAndWait(new SubmitCase(caseId, CaseType.NEW, site, cardholderId,
                validity.ageBand(born, LocalDate.ofInstant(now, ZoneOffset.UTC)),
                sealer.seal(cardholderId, new CardRecord(legalName, born, null)),
                i % 3 == 0 ? sealer.seal(cardholderId, new Contact("+1 555 0100", null)) : null,
                mailed ? sealer.seal(cardholderId, new Delivery(null, (100 + i) + " Demo Street", null, "Demo City",
                        null, "60601")) : null,
                null, null, at));
        if (i % 4 == 1) {
            commands.sendAndWait(new ClaimCase(caseId, at = step(at)));
        }
        switch (target) {
            case SUBMITTED -> {
                return caseId;
            }
            case NO_SHOW -> {
                commands.sendAndWait(new MarkNoShow(caseId, step(at)));
                return caseId;
            }
            case WITHDRAWN -> {
                commands.sendAndWait(new WithdrawCase(caseId, step(at)));
                return caseId;
            }
            default -> {
            }
        }
        commands.sendAndWait(new CheckInApplicant(caseId, at = step(at)));
        if (target == CaseState.CHECKED_IN) {
            return caseId;
        }
        List<DocumentType> shown = List.of(documents.find("US_PASSPORT").orElseThrow(),
                documents.find("UTILITY_BILL").orElseThrow());
        commands.sendAndWait(new RecordDocumentReview(caseId, sealer.seal(cardholderId, new Review(shown.stream()
                .map(type -> new Review.DocumentPresented(type.code())).toList(), null, null)),
                PointsTally.of(shown), at = step(at)));
        switch (target) {
            case UNDER_REVIEW -> {
                return caseId;
            }
            case SUPERVISOR_REVIEW -> {
                commands.sendAndWait(new EscalateCase(caseId, EscalationReason.POLICY_QUESTION, step(at)));
                return caseId;
            }
            case DENIED, APPEALED -> {
                Instant denied = step(at);
                commands.sendAndWait(new DenyCase(caseId, DenialReason.RESIDENCY_NOT_SHOWN, denied,
                        denied.plus(Duration.ofDays(30))));
                if (target == CaseState.APPEALED) {
                    commands.sendAndWait(new AppealDenial(caseId, step(denied)));
                }
                return caseId;
            }
            default -> {
            }
        }
        commands.sendAndWait(new ApproveCase(caseId, step(at)));
        if (target == CaseState.APPROVED) {
            return caseId;
        }
        awaitCaseView(caseId, CaseState.APPROVED);
        production.produce(caseId, clerk);
        Instant later = clock.instant();
        switch (target) {
            case HANDED_OVER -> commands.sendAndWait(new HandOverCard(caseId, later));
            case MAILED, RETURNED, DELIVERED -> {
                commands.sendAndWait(new MailCard(caseId, null, later));
                if (target == CaseState.RETURNED) {
                    commands.sendAndWait(new MarkCardReturned(caseId, later));
                } else if (target == CaseState.DELIVERED) {
                    commands.sendAndWait(new ConfirmDelivery(caseId, later));
                }
            }
            default -> {
            }
        }
        if (target == CaseState.CARD_PRODUCED && i % 3 == 0) {
            ActingAs.actor(SUPERVISOR, () -> commands.sendAndWait(new AssignCase(caseId, clerk.userId(), later)));
        }
        return caseId;
    }

    /** Card production reads the case view (as the API does); the seeding outruns it, so wait (bounded). */
    private void awaitCaseView(UUID caseId, CaseState state) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            boolean there = queries.query(new GetCase(caseId), ResponseTypes.optionalInstanceOf(CaseView.class))
                    .join().filter(view -> view.state() == state).isPresent();
            if (there) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The next step's time: an hour to a day after the previous one, never in the future. */
    private Instant step(Instant previous) {
        Instant next = previous.plus(Duration.ofMinutes(60 + (previous.getEpochSecond() % (23 * 60))));
        Instant now = clock.instant();
        return next.isAfter(now) ? now : next;
    }
}
