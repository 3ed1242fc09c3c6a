package org.mincard.domain.cardholder;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.ActorMetadataFormat;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.NotVisible;
import org.mincard.domain.shared.PermissionDenied;
import org.mincard.domain.shared.ReplacementReason;
import org.mincard.domain.shared.Role;
import org.mincard.domain.shared.TransitionNotAllowed;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

class CardholderTest {

    private static final LocalDate ISSUED = LocalDate.of(2021, 5, 10);
    private static final LocalDate EXPIRES = LocalDate.of(2026, 5, 10);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private FixtureConfiguration<Cardholder> fixture;
    private final UUID cardholderId = UUID.randomUUID();
    private final UUID siteId = UUID.randomUUID();
    private final UUID firstCard = UUID.randomUUID();
    private final UUID newCard = UUID.randomUUID();
    private final UUID caseId = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cardholder.class);
        fixture.registerInjectableResource(CardValidityPolicy.DEFAULT);
        fixture.registerInjectableResource(RenewalPolicy.DEFAULT);
    }

    private Map<String, String> clerk() {
        return ActorMetadataFormat.of(new Actor("clerk-1", Role.CLERK, Set.of(siteId), false));
    }

    private Map<String, String> supervisor() {
        return ActorMetadataFormat.of(new Actor("supervisor-1", Role.SUPERVISOR, Set.of(siteId), false));
    }

    private SealedValue number(int variant) {
        return new SealedValue(new KeyReference(cardholderId, DataClass.CARD_RECORD, 1), new byte[] {(byte) variant, 7});
    }

    private CardProduced firstCardProduced() {
        return new CardProduced(cardholderId, firstCard, UUID.randomUUID(), CaseType.NEW, siteId, number(1),
                AgeBand.ADULT, ISSUED, EXPIRES, null);
    }

    private ProduceCard produce(CaseType type, AgeBand band, UUID replaces, LocalDate on) {
        return new ProduceCard(cardholderId, newCard, caseId, type, siteId, number(2), band, replaces, on);
    }

    @ParameterizedTest(name = "{0} issued {1} expires {2}")
    @CsvSource({
            "CHILD, 2026-03-01, 2028-03-01",
            "ADULT, 2026-03-01, 2031-03-01",
            "ADULT, 2024-02-29, 2029-02-28"})
    void setsExpiryByAgeBand_whenFirstCardIsProduced(AgeBand band, LocalDate issued, LocalDate expires) {
        fixture.givenNoPriorActivity()
                .when(new ProduceCard(cardholderId, firstCard, caseId, CaseType.NEW, siteId, number(1), band, null, issued),
                        clerk())
                .expectEvents(new CardProduced(cardholderId, firstCard, caseId, CaseType.NEW, siteId, number(1), band,
                        issued, expires, null));
    }

    @Test
    void producesCardWithoutExpiry_whenHolderIsSenior() {
        LocalDate issued = LocalDate.of(2026, 3, 1);

        fixture.givenNoPriorActivity()
                .when(new ProduceCard(cardholderId, firstCard, caseId, CaseType.NEW, siteId, number(1), AgeBand.SENIOR,
                        null, issued), clerk())
                .expectEvents(new CardProduced(cardholderId, firstCard, caseId, CaseType.NEW, siteId, number(1),
                        AgeBand.SENIOR, issued, null, null));
    }

    @Test
    void rejectsSecondCard_whenHolderHasAnActiveCard() {
        fixture.given(firstCardProduced())
                .when(produce(CaseType.NEW, AgeBand.ADULT, null, LocalDate.of(2026, 3, 1)), clerk())
                .expectException(ActiveCardExists.class)
                .expectNoEvents();
    }

    @ParameterizedTest(name = "renewal on {0}")
    @CsvSource({"2026-03-11", "2026-05-10", "2026-11-10"})
    void renewsAndSupersedesOldCard_insideRenewalWindow(LocalDate on) {
        fixture.given(firstCardProduced())
                .when(produce(CaseType.RENEWAL, AgeBand.ADULT, firstCard, on), clerk())
                .expectEvents(
                        new CardProduced(cardholderId, newCard, caseId, CaseType.RENEWAL, siteId, number(2),
                                AgeBand.ADULT, on, on.plusYears(5), firstCard),
                        new CardSuperseded(cardholderId, firstCard, newCard, CaseType.RENEWAL, on));
    }

    @ParameterizedTest(name = "renewal on {0}")
    @CsvSource({"2026-03-10", "2026-11-11", "2022-01-01"})
    void rejectsRenewal_outsideRenewalWindow(LocalDate on) {
        fixture.given(firstCardProduced())
                .when(produce(CaseType.RENEWAL, AgeBand.ADULT, firstCard, on), clerk())
                .expectException(RenewalWindowClosed.class)
                .expectNoEvents();
    }

    @Test
    void rejectsRenewal_whenCardNeverExpires() {
        fixture.given(new CardProduced(cardholderId, firstCard, UUID.randomUUID(), CaseType.NEW, siteId, number(1),
                        AgeBand.SENIOR, ISSUED, null, null))
                .when(produce(CaseType.RENEWAL, AgeBand.SENIOR, firstCard, LocalDate.of(2026, 3, 1)), clerk())
                .expectException(RenewalWindowClosed.class);
    }

    @Test
    void rejectsRenewal_whenCardWasRevoked() {
        fixture.given(firstCardProduced(), new CardRevoked(cardholderId, firstCard, RevocationReason.FRAUD, NOW))
                .when(produce(CaseType.RENEWAL, AgeBand.ADULT, firstCard, LocalDate.of(2026, 4, 1)), clerk())
                .expectException(TransitionNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void replacementKeepsExpiryAndDeactivatesLostCard() {
        LocalDate on = LocalDate.of(2026, 3, 2);

        fixture.given(firstCardProduced(), new CardReportedLost(cardholderId, firstCard, ReplacementReason.STOLEN, NOW))
                .when(produce(CaseType.REPLACEMENT, AgeBand.ADULT, firstCard, on), clerk())
                .expectEvents(
                        new CardProduced(cardholderId, newCard, caseId, CaseType.REPLACEMENT, siteId, number(2),
                                AgeBand.ADULT, on, EXPIRES, firstCard),
                        new CardSuperseded(cardholderId, firstCard, newCard, CaseType.REPLACEMENT, on));
    }

    @Test
    void replacesDamagedCardStillActive() {
        LocalDate on = LocalDate.of(2026, 3, 2);

        fixture.given(firstCardProduced())
                .when(produce(CaseType.REPLACEMENT, AgeBand.ADULT, firstCard, on), clerk())
                .expectEvents(
                        new CardProduced(cardholderId, newCard, caseId, CaseType.REPLACEMENT, siteId, number(2),
                                AgeBand.ADULT, on, EXPIRES, firstCard),
                        new CardSuperseded(cardholderId, firstCard, newCard, CaseType.REPLACEMENT, on));
    }

    @Test
    void rejectsReplacement_whenCardHasExpired() {
        fixture.given(firstCardProduced())
                .when(produce(CaseType.REPLACEMENT, AgeBand.ADULT, firstCard, EXPIRES.plusDays(1)), clerk())
                .expectException(CardExpired.class);
    }

    @Test
    void rejectsUpdate_whenCardIsReportedLost() {
        fixture.given(firstCardProduced(), new CardReportedLost(cardholderId, firstCard, ReplacementReason.LOST, NOW))
                .when(produce(CaseType.UPDATE, AgeBand.ADULT, firstCard, LocalDate.of(2026, 3, 2)), clerk())
                .expectException(TransitionNotAllowed.class);
    }

    @Test
    void rejectsProduction_whenReplacedCardIsNotTheHolders() {
        fixture.given(firstCardProduced())
                .when(produce(CaseType.RENEWAL, AgeBand.ADULT, UUID.randomUUID(), LocalDate.of(2026, 4, 1)), clerk())
                .expectException(NotVisible.class);
    }

    @Test
    void revokesActiveCard() {
        fixture.given(firstCardProduced())
                .when(new RevokeCard(cardholderId, firstCard, RevocationReason.ISSUED_IN_ERROR, NOW), supervisor())
                .expectEvents(new CardRevoked(cardholderId, firstCard, RevocationReason.ISSUED_IN_ERROR, NOW));
    }

    @Test
    void rejectsRevocation_whenAlreadyRevoked() {
        fixture.given(firstCardProduced(), new CardRevoked(cardholderId, firstCard, RevocationReason.FRAUD, NOW))
                .when(new RevokeCard(cardholderId, firstCard, RevocationReason.FRAUD, NOW), supervisor())
                .expectException(TransitionNotAllowed.class);
    }

    @Test
    void rejectsRevocation_whenCardWasSuperseded() {
        LocalDate on = LocalDate.of(2026, 4, 1);
        fixture.given(firstCardProduced(),
                        new CardProduced(cardholderId, newCard, caseId, CaseType.RENEWAL, siteId, number(2),
                                AgeBand.ADULT, on, on.plusYears(5), firstCard),
                        new CardSuperseded(cardholderId, firstCard, newCard, CaseType.RENEWAL, on))
                .when(new RevokeCard(cardholderId, firstCard, RevocationReason.FRAUD, NOW), supervisor())
                .expectException(TransitionNotAllowed.class);
    }

    @Test
    void reinstatesRevokedCard() {
        fixture.given(firstCardProduced(), new CardRevoked(cardholderId, firstCard, RevocationReason.HOLDER_REQUEST, NOW))
                .when(new ReinstateCard(cardholderId, firstCard, NOW.plusSeconds(60)), supervisor())
                .expectEvents(new CardReinstated(cardholderId, firstCard, NOW.plusSeconds(60)));
    }

    @Test
    void rejectsReinstatement_whenCardIsActive() {
        fixture.given(firstCardProduced())
                .when(new ReinstateCard(cardholderId, firstCard, NOW), supervisor())
                .expectException(TransitionNotAllowed.class);
    }

    @Test
    void rejectsReinstatement_whenAnotherCardIsActive() {
        LocalDate on = LocalDate.of(2026, 3, 2);
        fixture.given(firstCardProduced(), new CardRevoked(cardholderId, firstCard, RevocationReason.DUPLICATE, NOW),
                        new CardProduced(cardholderId, newCard, caseId, CaseType.NEW, siteId, number(2), AgeBand.ADULT,
                                on, on.plusYears(5), null))
                .when(new ReinstateCard(cardholderId, firstCard, NOW), supervisor())
                .expectException(ActiveCardExists.class)
                .expectNoEvents();
    }

    @Test
    void reportsActiveCardLost() {
        fixture.given(firstCardProduced())
                .when(new ReportCardLost(cardholderId, firstCard, ReplacementReason.DAMAGED, NOW), clerk())
                .expectEvents(new CardReportedLost(cardholderId, firstCard, ReplacementReason.DAMAGED, NOW));
    }

    @Test
    void rejectsLossReport_whenCardIsRevoked() {
        fixture.given(firstCardProduced(), new CardRevoked(cardholderId, firstCard, RevocationReason.FRAUD, NOW))
                .when(new ReportCardLost(cardholderId, firstCard, ReplacementReason.LOST, NOW), clerk())
                .expectException(TransitionNotAllowed.class);
    }

    @Test
    void newCardAllowed_whenOldCardWasReportedLost() {
        LocalDate on = LocalDate.of(2026, 3, 2);

        fixture.given(firstCardProduced(), new CardReportedLost(cardholderId, firstCard, ReplacementReason.LOST, NOW))
                .when(produce(CaseType.NEW, AgeBand.ADULT, null, on), clerk())
                .expectEvents(new CardProduced(cardholderId, newCard, caseId, CaseType.NEW, siteId, number(2),
                        AgeBand.ADULT, on, on.plusYears(5), null));
    }

    @Test
    void refusesCommand_whenItNamesNoActor() {
        fixture.given(firstCardProduced())
                .when(new ReportCardLost(cardholderId, firstCard, ReplacementReason.LOST, NOW))
                .expectException(PermissionDenied.class)
                .expectNoEvents();
    }

    @Test
    void answersLikeAMissingCard_whenClerkOfAnotherSiteReportsItLost() {
        Map<String, String> otherSiteClerk =
                ActorMetadataFormat.of(new Actor("clerk-2", Role.CLERK, Set.of(UUID.randomUUID()), false));

        fixture.given(firstCardProduced())
                .when(new ReportCardLost(cardholderId, firstCard, ReplacementReason.STOLEN, NOW), otherSiteClerk)
                .expectException(NotVisible.class)
                .expectNoEvents();
    }

    @Test
    void rejectsRevocation_whenActorIsAClerk() {
        fixture.given(firstCardProduced())
                .when(new RevokeCard(cardholderId, firstCard, RevocationReason.FRAUD, NOW), clerk())
                .expectException(PermissionDenied.class)
                .expectNoEvents();
    }

    @Test
    void rejectsLossReport_whenActorIsAnAuditor() {
        Map<String, String> auditor = ActorMetadataFormat.of(new Actor("auditor-1", Role.AUDITOR, Set.of(), true));

        fixture.given(firstCardProduced())
                .when(new ReportCardLost(cardholderId, firstCard, ReplacementReason.LOST, NOW), auditor)
                .expectException(PermissionDenied.class)
                .expectNoEvents();
    }

    @Test
    void rejectsProduction_whenClerkDoesNotWorkAtTheCasesSite() {
        Map<String, String> otherSiteClerk =
                ActorMetadataFormat.of(new Actor("clerk-2", Role.CLERK, Set.of(UUID.randomUUID()), false));

        fixture.givenNoPriorActivity()
                .when(produce(CaseType.NEW, AgeBand.ADULT, null, LocalDate.of(2026, 3, 1)), otherSiteClerk)
                .expectException(PermissionDenied.class)
                .expectNoEvents();
    }

    @Test
    void renewsCardOfAnotherSite_whenClerkWorksAtTheRenewalCasesSite() {
        UUID renewalSite = UUID.randomUUID();
        Map<String, String> renewalClerk =
                ActorMetadataFormat.of(new Actor("clerk-3", Role.CLERK, Set.of(renewalSite), false));
        LocalDate on = LocalDate.of(2026, 4, 1);

        fixture.given(firstCardProduced())
                .when(new ProduceCard(cardholderId, newCard, caseId, CaseType.RENEWAL, renewalSite, number(2),
                        AgeBand.ADULT, firstCard, on), renewalClerk)
                .expectEvents(new CardProduced(cardholderId, newCard, caseId, CaseType.RENEWAL, renewalSite, number(2),
                                AgeBand.ADULT, on, on.plusYears(5), firstCard),
                        new CardSuperseded(cardholderId, firstCard, newCard, CaseType.RENEWAL, on));
    }

    @Test
    void producesCard_whenAnImportActsAsTheSystemActor() {
        LocalDate on = LocalDate.of(2026, 3, 1);

        fixture.givenNoPriorActivity()
                .when(produce(CaseType.NEW, AgeBand.ADULT, null, on), ActorMetadataFormat.of(Actor.system("import")))
                .expectEvents(new CardProduced(cardholderId, newCard, caseId, CaseType.NEW, siteId, number(2),
                        AgeBand.ADULT, on, on.plusYears(5), null));
    }

    @Test
    void rejectsRevocation_whenTheSystemActorTriesIt() {
        fixture.given(firstCardProduced())
                .when(new RevokeCard(cardholderId, firstCard, RevocationReason.DUPLICATE, NOW),
                        ActorMetadataFormat.of(Actor.system("retention-sweep")))
                .expectException(PermissionDenied.class)
                .expectNoEvents();
    }
}
