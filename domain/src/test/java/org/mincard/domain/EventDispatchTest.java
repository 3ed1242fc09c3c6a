package org.mincard.domain;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mincard.domain.cardholder.CardProduced;
import org.mincard.domain.cardholder.CardReinstated;
import org.mincard.domain.cardholder.CardReportedLost;
import org.mincard.domain.cardholder.CardRevoked;
import org.mincard.domain.cardholder.CardStatus;
import org.mincard.domain.cardholder.CardSuperseded;
import org.mincard.domain.cardholder.CardValidityPolicy;
import org.mincard.domain.cardholder.Cardholder;
import org.mincard.domain.cardholder.CardholderEvent;
import org.mincard.domain.cardholder.ReinstateCard;
import org.mincard.domain.cardholder.RenewalPolicy;
import org.mincard.domain.cardholder.ReportCardLost;
import org.mincard.domain.casefile.CaseAssigned;
import org.mincard.domain.casefile.CaseClaimed;
import org.mincard.domain.casefile.CaseFile;
import org.mincard.domain.casefile.CaseFileEvent;
import org.mincard.domain.casefile.CasePriorityLowered;
import org.mincard.domain.casefile.CasePriorityRaised;
import org.mincard.domain.casefile.CaseReleased;
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.CaseSubmitted;
import org.mincard.domain.casefile.CheckInApplicant;
import org.mincard.domain.casefile.ConfirmDelivery;
import org.mincard.domain.casefile.PointsRule;
import org.mincard.domain.casefile.Priority;
import org.mincard.domain.casefile.ReleaseCase;
import org.mincard.domain.casefile.SetCasePriority;
import org.mincard.domain.request.DataRequestEvent;
import org.mincard.domain.retention.RetentionFacts;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.ActorMetadataFormat;
import org.mincard.domain.shared.ReplacementReason;
import org.mincard.domain.shared.Role;
import org.mincard.domain.shared.TransitionNotAllowed;

import java.lang.reflect.Method;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.mincard.domain.EventSamples.AT;
import static org.mincard.domain.EventSamples.id;
import static org.mincard.domain.EventSamples.sample;

/**
 * Every permitted class of the sealed event families goes through every dispatcher of the domain: the case state
 * table, the case and cardholder aggregates, and the retention facts. A new event that one of them forgets fails
 * here, not at run time inside a processor. (The read models' batches have the same test in projections:
 * EventDispatchIT.)
 */
class EventDispatchTest {

    private static final UUID CASE = id("caseId");
    private static final UUID CARD = id("cardId");
    private static final Map<String, String> SUPERVISOR = ActorMetadataFormat.of(
            new Actor("supervisor-1", Role.SUPERVISOR, Set.of(), true));

    /** Events that keep a case's state, and how to see that the aggregate took each in. */
    private static final Map<Class<?>, Consumer<FixtureConfiguration<CaseFile>>> KEEPS_STATE_PROBES = Map.of(
            CaseClaimed.class, fixture -> fixture.given(sample(CaseSubmitted.class), sample(CaseClaimed.class))
                    .when(new ReleaseCase(CASE, AT), SUPERVISOR)
                    .expectEvents(new CaseReleased(CASE, "clerkId-sample", AT)),
            CaseAssigned.class, fixture -> fixture.given(sample(CaseSubmitted.class), sample(CaseAssigned.class))
                    .when(new ReleaseCase(CASE, AT), SUPERVISOR)
                    .expectEvents(new CaseReleased(CASE, "clerkId-sample", AT)),
            CaseReleased.class, fixture -> fixture.given(sample(CaseSubmitted.class), sample(CaseAssigned.class),
                            sample(CaseReleased.class))
                    .when(new ReleaseCase(CASE, AT), SUPERVISOR)
                    .expectNoEvents(),
            CasePriorityRaised.class, fixture -> fixture.given(sample(CaseSubmitted.class),
                            sample(CasePriorityRaised.class, Map.of("priority", Priority.URGENT)))
                    .when(new SetCasePriority(CASE, Priority.URGENT, AT), SUPERVISOR)
                    .expectNoEvents(),
            CasePriorityLowered.class, fixture -> fixture.given(sample(CaseSubmitted.class),
                            sample(CasePriorityLowered.class, Map.of("priority", Priority.LOW)))
                    .when(new SetCasePriority(CASE, Priority.LOW, AT), SUPERVISOR)
                    .expectNoEvents());

    /** The status the card is in after each cardholder event, and the events that lead there. */
    private static final Map<Class<?>, CardStatus> CARD_STATUS_AFTER = Map.of(
            CardProduced.class, CardStatus.ACTIVE,
            CardSuperseded.class, CardStatus.SUPERSEDED,
            CardRevoked.class, CardStatus.REVOKED,
            CardReinstated.class, CardStatus.ACTIVE,
            CardReportedLost.class, CardStatus.REPORTED_LOST);

    @TestFactory
    Stream<DynamicTest> caseStateTableKnowsEveryCaseEvent() {
        return EventSamples.permitted(CaseFileEvent.class).map(type -> DynamicTest.dynamicTest(type.getSimpleName(),
                () -> {
                    CaseFileEvent event = (CaseFileEvent) sample(type);
                    if (CaseState.changesState(event)) {
                        assertThat(CaseState.after(CaseState.SUBMITTED, event)).isEqualTo(CaseState.after(event));
                    } else {
                        assertThat(KEEPS_STATE_PROBES).as("a state-keeping event needs a probe below")
                                .containsKey(type);
                        assertThat(CaseState.after(CaseState.UNDER_REVIEW, event)).isEqualTo(CaseState.UNDER_REVIEW);
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> caseFileAppliesEveryCaseEvent() {
        return EventSamples.permitted(CaseFileEvent.class).map(type -> DynamicTest.dynamicTest(type.getSimpleName(),
                () -> {
                    FixtureConfiguration<CaseFile> fixture = new AggregateTestFixture<>(CaseFile.class);
                    fixture.registerInjectableResource(PointsRule.DEFAULT);
                    CaseFileEvent event = (CaseFileEvent) sample(type);
                    if (!CaseState.changesState(event)) {
                        KEEPS_STATE_PROBES.get(type).accept(fixture);
                        return;
                    }
                    CaseState expected = CaseState.after(event);
                    List<Object> history = event instanceof CaseSubmitted
                            ? List.of(event) : List.of(sample(CaseSubmitted.class), event);
                    // A command the state does not allow answers with the state the case is in.
                    Object probe = expected == CaseState.SUBMITTED
                            ? new ConfirmDelivery(CASE, AT) : new CheckInApplicant(CASE, AT);
                    fixture.given(history).when(probe, SUPERVISOR)
                            .expectException(TransitionNotAllowed.class)
                            .expectExceptionMessage(Matchers.startsWith(
                                    "The case is " + expected.name() + ";"));
                }));
    }

    @TestFactory
    Stream<DynamicTest> cardholderAppliesEveryCardholderEvent() {
        return EventSamples.permitted(CardholderEvent.class).map(type -> DynamicTest.dynamicTest(
                type.getSimpleName(), () -> {
                    CardStatus expected = CARD_STATUS_AFTER.get(type);
                    if (expected == null) {
                        fail("no expected card status for " + type.getSimpleName() + "; teach EventDispatchTest");
                    }
                    FixtureConfiguration<Cardholder> fixture = new AggregateTestFixture<>(Cardholder.class);
                    fixture.registerInjectableResource(CardValidityPolicy.DEFAULT);
                    fixture.registerInjectableResource(RenewalPolicy.DEFAULT);
                    List<Object> history = type == CardProduced.class ? List.of(sample(CardProduced.class))
                            : type == CardReinstated.class
                            ? List.of(sample(CardProduced.class), sample(CardRevoked.class), sample(type))
                            : List.of(sample(CardProduced.class), sample(type));
                    // Reinstating is allowed from REVOKED only, reporting lost from ACTIVE only.
                    Object probe = expected == CardStatus.REVOKED
                            ? new ReportCardLost(id("cardholderId"), CARD, ReplacementReason.LOST, AT)
                            : new ReinstateCard(id("cardholderId"), CARD, AT);
                    fixture.given(history).when(probe, SUPERVISOR)
                            .expectException(TransitionNotAllowed.class)
                            .expectExceptionMessage(Matchers.startsWith(
                                    "The card is " + expected.name() + ";"));
                }));
    }

    @TestFactory
    Stream<DynamicTest> retentionFactsTranslateEveryEventTheyMust() {
        RetentionFacts facts = new RetentionFacts(RenewalPolicy.DEFAULT);
        return EventSamples.all().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
            Object event = sample(type);
            List<?> found = facts.of(event);
            if (RetentionFacts.WITHOUT_FACTS.contains(type)) {
                assertThat(found).as("declared without retention facts").isEmpty();
            } else {
                assertThat(found).as(type.getSimpleName() + " gives no retention fact; translate it in "
                        + "RetentionFacts.of or declare it in RetentionFacts.WITHOUT_FACTS").isNotEmpty();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyDatedEventSaysWhenItHappened() {
        return EventSamples.FAMILIES.stream().filter(family -> hasOccurredAt(family))
                .flatMap(EventSamples::permitted)
                .map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
                    Object event = sample(type);
                    Instant at = (Instant) type.getMethod("occurredAt").invoke(event);
                    assertThat(at).isNotNull();
                    // Samples carry AT in every Instant and AT's date in every LocalDate (day events: its start).
                    assertThat(Set.of(AT, AT.truncatedTo(ChronoUnit.DAYS))).contains(at);
                }));
    }

    @Test
    void everyFamilyButDataRequestsHasOccurredAt() {
        assertThat(EventSamples.FAMILIES.stream().filter(family -> !hasOccurredAt(family)).toList())
                .containsExactly(DataRequestEvent.class);
    }

    private static boolean hasOccurredAt(Class<?> family) {
        for (Method method : family.getMethods()) {
            if (method.getName().equals("occurredAt") && method.getParameterCount() == 0) {
                return true;
            }
        }
        return false;
    }
}
