package org.mincard.projections.workqueue;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mincard.domain.EventSamples;
import org.mincard.domain.cardholder.CardRevoked;
import org.mincard.domain.cardholder.CardholderEvent;
import org.mincard.domain.casefile.CaseFileEvent;
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.CaseSubmitted;
import org.mincard.projections.DispatchDatabase;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mincard.projections.DispatchDatabase.message;

/**
 * Every permitted case and cardholder event through the work-queue projection's batch on PostgreSQL: a case event
 * after the submission must move the row to its sequence and to the state the state table names, and the one
 * cardholder event the projection follows (a revocation) must land; nothing may throw.
 */
class WorkQueueDispatchIT {

    private static final UUID CASE = EventSamples.id("caseId");

    private static DispatchDatabase database;
    private static WorkQueueProjection projection;
    private static AnnotationEventHandlerAdapter handler;

    @BeforeAll
    static void start() throws IOException {
        database = new DispatchDatabase();
        projection = new WorkQueueProjection(database.jdbc, new QueueSla(Map.of(), Map.of()), SiteCalendar.UTC);
        handler = new AnnotationEventHandlerAdapter(projection);
    }

    @AfterAll
    static void stop() throws IOException {
        database.close();
    }

    @TestFactory
    Stream<DynamicTest> followsEveryCaseEvent() {
        return EventSamples.permitted(CaseFileEvent.class).map(type -> DynamicTest.dynamicTest(type.getSimpleName(),
                () -> {
                    projection.reset();
                    CaseFileEvent event = (CaseFileEvent) EventSamples.sample(type);
                    database.process(handler, List.of(message("CaseFile", CASE, 0,
                            EventSamples.sample(CaseSubmitted.class))));
                    long sequence = event instanceof CaseSubmitted ? 0 : 1;

                    database.process(handler, List.of(message("CaseFile", CASE, sequence, event)));

                    Map<String, Object> row = database.jdbc.queryForMap(
                            "SELECT state, version FROM read_model.work_queue_item WHERE case_id = ?", CASE);
                    assertThat(row.get("version")).isEqualTo(sequence);
                    assertThat(row.get("state")).isEqualTo(CaseState.after(CaseState.SUBMITTED, event).name());
                }));
    }

    @TestFactory
    Stream<DynamicTest> takesEveryCardholderEventWithoutFailing() {
        return EventSamples.permitted(CardholderEvent.class).map(type -> DynamicTest.dynamicTest(
                type.getSimpleName(), () -> {
                    projection.reset();
                    EventMessage<?> message = message("Cardholder", EventSamples.id("cardholderId"), 3,
                            EventSamples.sample(type));

                    database.process(handler, List.of(message));

                    Integer revocations = database.jdbc.queryForObject(
                            "SELECT count(*) FROM read_model.card_revocation", Integer.class);
                    assertThat(revocations).isEqualTo(type == CardRevoked.class ? 1 : 0);
                }));
    }
}
