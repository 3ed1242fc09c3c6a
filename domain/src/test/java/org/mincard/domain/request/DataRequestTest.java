package org.mincard.domain.request;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.ActorMetadataFormat;
import org.mincard.domain.shared.PermissionDenied;
import org.mincard.domain.shared.Role;
import org.mincard.domain.shared.TransitionNotAllowed;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataRequestTest {

    private static final Map<String, String> OFFICER =
            ActorMetadataFormat.of(new Actor("officer-1", Role.RECORDS_OFFICER, Set.of(), true));

    private static final UUID REQUEST = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID CASE = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final LocalDate RECEIVED = LocalDate.of(2026, 3, 2);

    private FixtureConfiguration<DataRequest> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DataRequest.class);
    }

    private static DataRequestRegistered registered() {
        return new DataRequestRegistered(REQUEST, RequesterType.IMMIGRATION_ENFORCEMENT,
                LegalInstrument.ADMINISTRATIVE_SUBPOENA, List.of(CASE), List.of(), List.of(RequestedRecord.CARD_RECORD),
                RECEIVED);
    }

    private static CounselReviewerAssigned counselAssigned() {
        return new CounselReviewerAssigned(REQUEST, "counsel-1");
    }

    private static DataRequestDecided decided(RequestDecision decision) {
        return new DataRequestDecided(REQUEST, decision, "counsel-1", RECEIVED.plusDays(3));
    }

    @Test
    void registersTheRequest_whenItArrives() {
        fixture.givenNoPriorActivity()

                .when(new RegisterDataRequest(REQUEST, RequesterType.IMMIGRATION_ENFORCEMENT,
                        LegalInstrument.ADMINISTRATIVE_SUBPOENA, new RequestScope(List.of(CASE), List.of(),
                        List.of(RequestedRecord.CARD_RECORD)), RECEIVED), OFFICER)

                .expectEvents(registered());
    }

    @Test
    void assignsCounsel_whenRegistered() {
        fixture.given(registered())

                .when(new AssignCounselReviewer(REQUEST, "counsel-1"), OFFICER)

                .expectEvents(counselAssigned());
    }

    @Test
    void refusesTheDecision_whenNoCounselReviewed() {
        fixture.given(registered())

                .when(new DecideDataRequest(REQUEST, RequestDecision.REFUSED, RECEIVED), OFFICER)

                .expectException(CounselReviewMissing.class);
    }

    @Test
    void decidesWithTheReviewer_whenCounselReviewed() {
        fixture.given(registered(), counselAssigned())

                .when(new DecideDataRequest(REQUEST, RequestDecision.CHALLENGED, RECEIVED.plusDays(3)), OFFICER)

                .expectEvents(decided(RequestDecision.CHALLENGED));
    }

    @Test
    void refusesASecondDecision_whenAlreadyDecided() {
        fixture.given(registered(), counselAssigned(), decided(RequestDecision.REFUSED))

                .when(new DecideDataRequest(REQUEST, RequestDecision.FULL, RECEIVED.plusDays(4)), OFFICER)

                .expectException(TransitionNotAllowed.class);
    }

    @Test
    void recordsTheAnswerWithDaysToRespond_whenDecided() {
        fixture.given(registered(), counselAssigned(), decided(RequestDecision.PARTIAL))

                .when(new RecordDataRequestAnswered(REQUEST, RECEIVED.plusDays(10)), OFFICER)

                .expectEvents(new DataRequestAnswered(REQUEST, RECEIVED.plusDays(10), 10));
    }

    @Test
    void refusesTheAnswer_whenNotDecided() {
        fixture.given(registered(), counselAssigned())

                .when(new RecordDataRequestAnswered(REQUEST, RECEIVED.plusDays(10)), OFFICER)

                .expectException(TransitionNotAllowed.class);
    }

    @Test
    void refusesADate_whenBeforeReceipt() {
        fixture.given(registered())

                .when(new RecordHolderNotified(REQUEST, RECEIVED.minusDays(1)), OFFICER)

                .expectException(DateBeforeReceipt.class);
    }

    @Test
    void recordsTheNotificationOnce_whenHoldersAreTold() {
        fixture.given(registered(), new DataRequestHolderNotified(REQUEST, RECEIVED))

                .when(new RecordHolderNotified(REQUEST, RECEIVED.plusDays(1)), OFFICER)

                .expectException(TransitionNotAllowed.class);
    }

    @Test
    void refusesAScope_whenItNamesNoKindOfRecordOrTheLegacyCode() {
        assertThatThrownBy(() -> new RequestScope(List.of(CASE), List.of(), List.of()))
                .hasMessageContaining("requestedRecords");
        assertThatThrownBy(() -> new RequestScope(List.of(CASE), List.of(), List.of(RequestedRecord.UNSPECIFIED)))
                .hasMessageContaining("requestedRecords");
    }

    @Test
    void refusesCounsel_whenNamedByANameOrAnEmailAddress() {
        fixture.given(registered())

                .when(new AssignCounselReviewer(REQUEST, "jane.doe@example.org"), OFFICER)

                .expectException(IllegalArgumentException.class);
        assertThat(List.of("Jane Doe", "jane.doe@example.org", "", "-x", "x".repeat(129)))
                .noneMatch(CounselReviewerId::isWellFormed);
        assertThat(List.of("counsel-7", "d0000000-0000-4000-8000-000000000006", "ad:counsel.1"))
                .allMatch(CounselReviewerId::isWellFormed);
    }

    @Test
    void rejectsRegistration_whenActorIsNotARecordsOfficer() {
        Map<String, String> supervisor =
                ActorMetadataFormat.of(new Actor("supervisor-1", Role.SUPERVISOR, Set.of(), true));

        fixture.givenNoPriorActivity()
                .when(new RegisterDataRequest(REQUEST, RequesterType.IMMIGRATION_ENFORCEMENT,
                        LegalInstrument.ADMINISTRATIVE_SUBPOENA, new RequestScope(List.of(CASE), List.of(),
                        List.of(RequestedRecord.CARD_RECORD)), RECEIVED), supervisor)
                .expectException(PermissionDenied.class)
                .expectNoEvents();
    }
}
