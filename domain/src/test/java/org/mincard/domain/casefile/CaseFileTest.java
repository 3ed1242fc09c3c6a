package org.mincard.domain.casefile;

import org.assertj.core.api.Assertions;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.ActorMetadataFormat;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.NotVisible;
import org.mincard.domain.shared.PermissionDenied;
import org.mincard.domain.shared.TransitionNotAllowed;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.hamcrest.Matchers.instanceOf;
import static org.mincard.domain.casefile.CaseState.APPEALED;
import static org.mincard.domain.casefile.CaseState.APPROVED;
import static org.mincard.domain.casefile.CaseState.CARD_PRODUCED;
import static org.mincard.domain.casefile.CaseState.CHECKED_IN;
import static org.mincard.domain.casefile.CaseState.DENIED;
import static org.mincard.domain.casefile.CaseState.MAILED;
import static org.mincard.domain.casefile.CaseState.RETURNED;
import static org.mincard.domain.casefile.CaseState.SUBMITTED;
import static org.mincard.domain.casefile.CaseState.SUPERVISOR_REVIEW;
import static org.mincard.domain.casefile.CaseState.UNDER_REVIEW;

class CaseFileTest {

    private FixtureConfiguration<CaseFile> fixture;
    private CaseFileFixtures cases;

    /** One lifecycle action: how to build its command, the states it is allowed from, and the event it records. */
    record Action(String name, Function<CaseFileFixtures, Object> command, Set<CaseState> allowedFrom,
                  Class<?> recorded) {

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Action> ACTIONS = List.of(
            new Action("check-in", c -> new CheckInApplicant(c.caseId, c.at(100)), EnumSet.of(SUBMITTED),
                    ApplicantCheckedIn.class),
            new Action("review", c -> new RecordDocumentReview(c.caseId, c.sealed(DataClass.REVIEW),
                    CaseFileFixtures.ENOUGH, c.at(100)), EnumSet.of(CHECKED_IN, UNDER_REVIEW), DocumentsReviewed.class),
            new Action("escalate", c -> new EscalateCase(c.caseId, EscalationReason.OTHER, c.at(100)),
                    EnumSet.of(UNDER_REVIEW), CaseEscalated.class),
            new Action("return-from-escalation", c -> new ReturnFromEscalation(c.caseId, c.at(100)),
                    EnumSet.of(SUPERVISOR_REVIEW), CaseReturnedFromEscalation.class),
            new Action("approve", c -> new ApproveCase(c.caseId, c.at(100)),
                    EnumSet.of(UNDER_REVIEW, SUPERVISOR_REVIEW), CaseApproved.class),
            new Action("deny", c -> new DenyCase(c.caseId, DenialReason.RESIDENCY_NOT_SHOWN, c.at(100),
                    c.at(100).plus(Duration.ofDays(30))), EnumSet.of(UNDER_REVIEW, SUPERVISOR_REVIEW), CaseDenied.class),
            new Action("appeal", c -> new AppealDenial(c.caseId, c.at(100)), EnumSet.of(DENIED), DenialAppealed.class),
            new Action("decide-appeal", c -> new DecideAppeal(c.caseId, true, c.at(100)), EnumSet.of(APPEALED),
                    AppealGranted.class),
            new Action("produce-card", c -> new RecordCardProduction(c.caseId, c.cardId, c.at(100)),
                    EnumSet.of(APPROVED), CaseCardProduced.class),
            new Action("mail", c -> new MailCard(c.caseId, null, c.at(100)), EnumSet.of(CARD_PRODUCED),
                    CardMailed.class),
            new Action("confirm-delivery", c -> new ConfirmDelivery(c.caseId, c.at(100)), EnumSet.of(MAILED),
                    CardDeliveryConfirmed.class),
            new Action("mark-returned", c -> new MarkCardReturned(c.caseId, c.at(100)), EnumSet.of(MAILED),
                    CardMailingReturned.class),
            new Action("hand-over", c -> new HandOverCard(c.caseId, c.at(100)), EnumSet.of(CARD_PRODUCED, RETURNED),
                    CardHandedOver.class),
            new Action("withdraw", c -> new WithdrawCase(c.caseId, c.at(100)),
                    EnumSet.of(SUBMITTED, CHECKED_IN, UNDER_REVIEW, SUPERVISOR_REVIEW, APPROVED, APPEALED),
                    CaseWithdrawn.class),
            new Action("mark-no-show", c -> new MarkNoShow(c.caseId, c.at(100)), EnumSet.of(SUBMITTED),
                    ApplicantDidNotShow.class),
            new Action("abandon", c -> new AbandonCase(c.caseId, c.at(100)),
                    EnumSet.of(CHECKED_IN, UNDER_REVIEW, SUPERVISOR_REVIEW, CARD_PRODUCED, RETURNED),
                    CaseAbandoned.class),
            new Action("cancel", c -> new CancelCase(c.caseId, CancellationReason.DUPLICATE_CASE, c.at(100)),
                    EnumSet.of(SUBMITTED, CHECKED_IN, UNDER_REVIEW, SUPERVISOR_REVIEW, APPROVED, APPEALED),
                    CaseCancelled.class));

    static Stream<Arguments> everyStateAndAction() {
        return Arrays.stream(CaseState.values())
                .flatMap(state -> ACTIONS.stream().map(action -> Arguments.of(state, action)));
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CaseFile.class);
        fixture.registerInjectableResource(PointsRule.DEFAULT);
        cases = new CaseFileFixtures();
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("everyStateAndAction")
    void recordsAllowedTransitionsAndRejectsTheRest_inEveryState(CaseState state, Action action) {
        var when = fixture.given(cases.historyOf(state)).when(action.command().apply(cases), cases.supervisor());

        if (action.allowedFrom().contains(state)) {
            when.expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(instanceOf(action.recorded()), andNoMore())));
        } else {
            when.expectException(TransitionNotAllowed.class).expectNoEvents();
        }
    }

    @ParameterizedTest
    @EnumSource(CaseState.class)
    void readModelsFollowTheAggregate_whenTheyDeriveStateFromTheLastEvent(CaseState state) {
        List<Object> history = cases.historyOf(state);

        CaseState derived = CaseState.after((CaseFileEvent) history.get(history.size() - 1));

        Assertions.assertThat(derived).isEqualTo(state);
    }

    @Test
    void recordsSubmission_whenClerkWorksAtTheSite() {
        fixture.givenNoPriorActivity()
                .when(cases.submitNew(), cases.clerk())
                .expectEvents(cases.submitted());
    }

    @Test
    void rejectsSubmission_whenClerkWorksAtAnotherSite() {
        fixture.givenNoPriorActivity()
                .when(cases.submitNew(), cases.otherSiteClerk())
                .expectException(PermissionDenied.class)
                .expectNoEvents();
    }

    @Test
    void rejectsSubmission_whenSealedForAnotherSubject() {
        SealedValue foreign = new SealedValue(new KeyReference(UUID.randomUUID(), DataClass.CARD_RECORD, 1), new byte[] {9});

        fixture.givenNoPriorActivity()
                .when(new SubmitCase(cases.caseId, CaseType.NEW, cases.siteId, cases.cardholderId, AgeBand.ADULT,
                        foreign, null, null, null, null, cases.at(0)), cases.clerk())
                .expectException(SealedValueMismatch.class)
                .expectNoEvents();
    }

    @Test
    void rejectsSubmission_whenContactSealedAsAnotherClass() {
        fixture.givenNoPriorActivity()
                .when(new SubmitCase(cases.caseId, CaseType.NEW, cases.siteId, cases.cardholderId, AgeBand.ADULT,
                        cases.sealed(DataClass.CARD_RECORD), cases.sealed(DataClass.DELIVERY), null, null, null,
                        cases.at(0)), cases.clerk())
                .expectException(SealedValueMismatch.class);
    }

    @Test
    void answersNotVisible_whenClerkOfAnotherSiteActsOnCase() {
        fixture.given(cases.historyOf(SUBMITTED))
                .when(new CheckInApplicant(cases.caseId, cases.at(10)), cases.otherSiteClerk())
                .expectException(NotVisible.class)
                .expectNoEvents();
    }

    @Test
    void recordsWhetherPointsRuleIsMet_whenDocumentsAreReviewed() {
        fixture.given(cases.historyOf(CHECKED_IN))
                .when(new RecordDocumentReview(cases.caseId, cases.sealed(DataClass.REVIEW), CaseFileFixtures.TOO_FEW,
                        cases.at(20)), cases.clerk())
                .expectEvents(new DocumentsReviewed(cases.caseId, cases.sealed(DataClass.REVIEW),
                        CaseFileFixtures.TOO_FEW, false, cases.at(20)));
    }

    @Test
    void rejectsApproval_whenReviewFallsShortOfPointsRule() {
        fixture.given(cases.historyOf(CHECKED_IN)).andGiven(cases.reviewed(CaseFileFixtures.TOO_FEW))
                .when(new ApproveCase(cases.caseId, cases.at(30)), cases.clerk())
                .expectException(PointsRuleNotMet.class)
                .expectNoEvents();
    }

    @Test
    void approves_whenLatestReviewMeetsPointsRule() {
        fixture.given(cases.historyOf(CHECKED_IN))
                .andGiven(cases.reviewed(CaseFileFixtures.TOO_FEW), cases.reviewed(CaseFileFixtures.ENOUGH))
                .when(new ApproveCase(cases.caseId, cases.at(30)), cases.clerk())
                .expectEvents(new CaseApproved(cases.caseId, cases.at(30)));
    }

    @Test
    void supervisorApprovesEscalatedCase_evenWhenDocumentsFallShort() {
        fixture.given(cases.historyOf(CHECKED_IN))
                .andGiven(cases.reviewed(CaseFileFixtures.TOO_FEW),
                        new CaseEscalated(cases.caseId, EscalationReason.CARETAKER_ATTESTATION, cases.at(25)))
                .when(new ApproveCase(cases.caseId, cases.at(30)), cases.supervisor())
                .expectEvents(new CaseApproved(cases.caseId, cases.at(30)));
    }

    @Test
    void rejectsClerkDecision_whenCaseIsInSupervisorReview() {
        fixture.given(cases.historyOf(SUPERVISOR_REVIEW))
                .when(new ApproveCase(cases.caseId, cases.at(30)), cases.clerk())
                .expectException(PermissionDenied.class)
                .expectNoEvents();
    }

    @Test
    void rejectsClerkReturningEscalation_whenNotSupervisor() {
        fixture.given(cases.historyOf(SUPERVISOR_REVIEW))
                .when(new ReturnFromEscalation(cases.caseId, cases.at(30)), cases.clerk())
                .expectException(PermissionDenied.class);
    }

    @Test
    void rejectsClerkDecidingAppeal() {
        fixture.given(cases.historyOf(APPEALED))
                .when(new DecideAppeal(cases.caseId, true, cases.at(60)), cases.clerk())
                .expectException(PermissionDenied.class);
    }

    @Test
    void upholdsDenial_whenSupervisorDecidesAgainstAppeal() {
        fixture.given(cases.historyOf(APPEALED))
                .when(new DecideAppeal(cases.caseId, false, cases.at(60)), cases.supervisor())
                .expectEvents(new AppealUpheld(cases.caseId, cases.at(60)));
    }

    @Test
    void acceptsAppeal_onTheDeadlineItself() {
        CaseDenied denial = cases.denied();

        fixture.given(cases.historyOf(UNDER_REVIEW)).andGiven(denial)
                .when(new AppealDenial(cases.caseId, denial.appealDeadline()), cases.clerk())
                .expectEvents(new DenialAppealed(cases.caseId, denial.appealDeadline()));
    }

    @Test
    void rejectsAppeal_afterTheDeadline() {
        CaseDenied denial = cases.denied();

        fixture.given(cases.historyOf(UNDER_REVIEW)).andGiven(denial)
                .when(new AppealDenial(cases.caseId, denial.appealDeadline().plusSeconds(1)), cases.clerk())
                .expectException(AppealWindowClosed.class)
                .expectNoEvents();
    }

    @Test
    void rejectsMailing_whenNoDeliveryAddressWasEverGiven() {
        fixture.given(cases.submittedWithoutDelivery(), new ApplicantCheckedIn(cases.caseId, cases.at(10)),
                        cases.reviewed(CaseFileFixtures.ENOUGH), new CaseApproved(cases.caseId, cases.at(30)),
                        new CaseCardProduced(cases.caseId, cases.cardholderId, cases.cardId, cases.at(40)))
                .when(new MailCard(cases.caseId, null, cases.at(50)), cases.clerk())
                .expectException(DeliveryAddressMissing.class)
                .expectNoEvents();
    }

    @Test
    void mailsWithAddressGivenAtMailing_whenNoneWasGivenAtSubmission() {
        SealedValue delivery = cases.sealed(DataClass.DELIVERY);

        fixture.given(cases.submittedWithoutDelivery(), new ApplicantCheckedIn(cases.caseId, cases.at(10)),
                        cases.reviewed(CaseFileFixtures.ENOUGH), new CaseApproved(cases.caseId, cases.at(30)),
                        new CaseCardProduced(cases.caseId, cases.cardholderId, cases.cardId, cases.at(40)))
                .when(new MailCard(cases.caseId, delivery, cases.at(50)), cases.clerk())
                .expectEvents(new CardMailed(cases.caseId, delivery, cases.at(50)));
    }

    @Test
    void rejectsDenial_whenAppealDeadlineIsNotAfterDenial() {
        fixture.given(cases.historyOf(UNDER_REVIEW))
                .when(new DenyCase(cases.caseId, DenialReason.INELIGIBLE, cases.at(30), cases.at(30)), cases.clerk())
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void appealGrantedCaseGoesOnToCardProduction() {
        fixture.given(cases.historyOf(APPEALED)).andGiven(new AppealGranted(cases.caseId, cases.at(50)))
                .when(new RecordCardProduction(cases.caseId, cases.cardId, cases.at(60)), cases.clerk())
                .expectEvents(new CaseCardProduced(cases.caseId, cases.cardholderId, cases.cardId, cases.at(60)));
    }

    @Test
    void refusesCommand_whenItNamesNoActor() {
        fixture.given(cases.historyOf(SUBMITTED))
                .when(new CheckInApplicant(cases.caseId, cases.at(10)))
                .expectException(PermissionDenied.class)
                .expectNoEvents();
    }

    @Test
    void systemActorMovesACaseOfAnySite() {
        Map<String, String> system = ActorMetadataFormat.of(Actor.system("no-show-sweep"));

        fixture.given(cases.historyOf(SUBMITTED))
                .when(new MarkNoShow(cases.caseId, cases.at(10)), system)
                .expectEvents(new ApplicantDidNotShow(cases.caseId, cases.at(10)));
    }

    @Test
    void rejectsEscalationDecision_whenSystemActorTriesIt() {
        fixture.given(cases.historyOf(SUPERVISOR_REVIEW))
                .when(new ApproveCase(cases.caseId, cases.at(30)), ActorMetadataFormat.of(Actor.system("import")))
                .expectException(PermissionDenied.class)
                .expectNoEvents();
    }
}
