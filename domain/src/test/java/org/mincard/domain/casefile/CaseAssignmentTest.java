package org.mincard.domain.casefile;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mincard.domain.shared.NotVisible;
import org.mincard.domain.shared.PermissionDenied;
import org.mincard.domain.shared.TransitionNotAllowed;

import static org.mincard.domain.casefile.CaseState.SUBMITTED;
import static org.mincard.domain.casefile.CaseState.UNDER_REVIEW;

class CaseAssignmentTest {

    private FixtureConfiguration<CaseFile> fixture;
    private CaseFileFixtures cases;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CaseFile.class);
        fixture.registerInjectableResource(PointsRule.DEFAULT);
        cases = new CaseFileFixtures();
    }

    @Test
    void recordsClaim_whenClerkOfTheSiteClaimsUnassignedCase() {
        fixture.given(cases.historyOf(SUBMITTED))
                .when(new ClaimCase(cases.caseId, cases.at(5)), cases.clerk("clerk-1"))
                .expectEvents(new CaseClaimed(cases.caseId, "clerk-1", cases.at(5)))
                .expectResultMessagePayload(new CaseAssignment("clerk-1", Priority.NORMAL));
    }

    @Test
    void recordsNothing_whenClerkClaimsCaseAlreadyTheirs() {
        fixture.given(cases.historyOf(SUBMITTED)).andGiven(new CaseClaimed(cases.caseId, "clerk-1", cases.at(5)))
                .when(new ClaimCase(cases.caseId, cases.at(6)), cases.clerk("clerk-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectsClaim_whenCaseIsAssignedToAnotherClerk() {
        fixture.given(cases.historyOf(SUBMITTED)).andGiven(new CaseClaimed(cases.caseId, "clerk-2", cases.at(5)))
                .when(new ClaimCase(cases.caseId, cases.at(6)), cases.clerk("clerk-1"))
                .expectException(AssignedToAnotherClerk.class)
                .expectNoEvents();
    }

    @Test
    void answersNotVisible_whenClerkOfAnotherSiteClaims() {
        fixture.given(cases.historyOf(SUBMITTED))
                .when(new ClaimCase(cases.caseId, cases.at(6)), cases.otherSiteClerk())
                .expectException(NotVisible.class)
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = CaseState.class, names = {"DENIED", "HANDED_OVER", "DELIVERED", "DENIAL_UPHELD", "WITHDRAWN",
            "NO_SHOW", "ABANDONED", "CANCELLED"})
    void rejectsClaim_whenCaseIsNotInAnyQueue(CaseState state) {
        fixture.given(cases.historyOf(state))
                .when(new ClaimCase(cases.caseId, cases.at(200)), cases.clerk("clerk-1"))
                .expectException(TransitionNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void recordsRelease_whenAssigneeReleases() {
        fixture.given(cases.historyOf(SUBMITTED)).andGiven(new CaseClaimed(cases.caseId, "clerk-1", cases.at(5)))
                .when(new ReleaseCase(cases.caseId, cases.at(6)), cases.clerk("clerk-1"))
                .expectEvents(new CaseReleased(cases.caseId, "clerk-1", cases.at(6)));
    }

    @Test
    void rejectsRelease_whenAnotherClerkHoldsTheCase() {
        fixture.given(cases.historyOf(SUBMITTED)).andGiven(new CaseClaimed(cases.caseId, "clerk-2", cases.at(5)))
                .when(new ReleaseCase(cases.caseId, cases.at(6)), cases.clerk("clerk-1"))
                .expectException(AssignedToAnotherClerk.class);
    }

    @Test
    void supervisorReleasesAnyClerksCase() {
        fixture.given(cases.historyOf(SUBMITTED)).andGiven(new CaseClaimed(cases.caseId, "clerk-2", cases.at(5)))
                .when(new ReleaseCase(cases.caseId, cases.at(6)), cases.supervisor())
                .expectEvents(new CaseReleased(cases.caseId, "clerk-2", cases.at(6)));
    }

    @Test
    void recordsReassignment_withThePreviousClerk_whenSupervisorAssigns() {
        fixture.given(cases.historyOf(UNDER_REVIEW)).andGiven(new CaseClaimed(cases.caseId, "clerk-2", cases.at(21)))
                .when(new AssignCase(cases.caseId, "clerk-1", cases.at(22)), cases.supervisor())
                .expectEvents(new CaseAssigned(cases.caseId, "clerk-1", "clerk-2", cases.at(22)));
    }

    @Test
    void rejectsAssignment_whenClerkAssigns() {
        fixture.given(cases.historyOf(SUBMITTED))
                .when(new AssignCase(cases.caseId, "clerk-1", cases.at(6)), cases.clerk("clerk-1"))
                .expectException(PermissionDenied.class)
                .expectNoEvents();
    }

    @Test
    void rejectsLifecycleAction_whenAnotherClerkHoldsTheCase() {
        fixture.given(cases.historyOf(SUBMITTED)).andGiven(new CaseClaimed(cases.caseId, "clerk-2", cases.at(5)))
                .when(new CheckInApplicant(cases.caseId, cases.at(6)), cases.clerk("clerk-1"))
                .expectException(AssignedToAnotherClerk.class)
                .expectNoEvents();
    }

    @Test
    void allowsLifecycleAction_whenTheAssigneeActs() {
        fixture.given(cases.historyOf(SUBMITTED)).andGiven(new CaseClaimed(cases.caseId, "clerk-1", cases.at(5)))
                .when(new CheckInApplicant(cases.caseId, cases.at(6)), cases.clerk("clerk-1"))
                .expectEvents(new ApplicantCheckedIn(cases.caseId, cases.at(6)));
    }

    @Test
    void raisesThenLowersPriority_whenSupervisorSetsIt() {
        fixture.given(cases.historyOf(SUBMITTED)).andGiven(new CasePriorityRaised(cases.caseId, Priority.URGENT,
                        cases.at(5)))
                .when(new SetCasePriority(cases.caseId, Priority.HIGH, cases.at(6)), cases.supervisor())
                .expectEvents(new CasePriorityLowered(cases.caseId, Priority.HIGH, cases.at(6)));
    }

    @Test
    void recordsRaise_whenSupervisorRaisesFromNormal() {
        fixture.given(cases.historyOf(SUBMITTED))
                .when(new SetCasePriority(cases.caseId, Priority.HIGH, cases.at(6)), cases.supervisor())
                .expectEvents(new CasePriorityRaised(cases.caseId, Priority.HIGH, cases.at(6)));
    }

    @Test
    void recordsNothing_whenPriorityIsUnchanged() {
        fixture.given(cases.historyOf(SUBMITTED))
                .when(new SetCasePriority(cases.caseId, Priority.NORMAL, cases.at(6)), cases.supervisor())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectsPriorityChange_whenClerkSetsIt() {
        fixture.given(cases.historyOf(SUBMITTED))
                .when(new SetCasePriority(cases.caseId, Priority.HIGH, cases.at(6)), cases.clerk("clerk-1"))
                .expectException(PermissionDenied.class);
    }
}
