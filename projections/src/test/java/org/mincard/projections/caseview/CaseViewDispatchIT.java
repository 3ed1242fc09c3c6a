package org.mincard.projections.caseview;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mincard.domain.EventSamples;
import org.mincard.domain.cardholder.CardProduced;
import org.mincard.domain.cardholder.CardholderEvent;
import org.mincard.domain.casefile.CaseFileEvent;
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.CaseSubmitted;
import org.mincard.projections.DispatchDatabase;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mincard.projections.DispatchDatabase.message;

/**
 * Every permitted case and cardholder event through the case-view projection's batch on PostgreSQL: every case
 * event gets its history line, and one that changes the state moves the view to the state the state table names;
 * the one cardholder event the view follows (a produced card's number) lands; nothing may throw.
 */
class CaseViewDispatchIT {

    private static final UUID CASE = EventSamples.id("caseId");

    private static DispatchDatabase database;
    private static CaseViewProjection projection;
    private static AnnotationEventHandlerAdapter handler;

    @BeforeAll
    static void start() throws IOException {
        database = new DispatchDatabase();
        projection = new CaseViewProjection(database.jdbc, database.transactionManager);
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

                    CaseView view = projection.handle(new GetCase(CASE)).orElseThrow();
                    assertThat(view.history()).extracting(CaseView.HistoryEntry::event)
                            .last().isEqualTo(type.getSimpleName());
                    assertThat(view.state()).isEqualTo(CaseState.after(CaseState.SUBMITTED, event));
                }));
    }

    @TestFactory
    Stream<DynamicTest> takesEveryCardholderEventWithoutFailing() {
        return EventSamples.permitted(CardholderEvent.class).map(type -> DynamicTest.dynamicTest(
                type.getSimpleName(), () -> {
                    projection.reset();

                    database.process(handler, List.of(message("Cardholder", EventSamples.id("cardholderId"), 3,
                            EventSamples.sample(type))));

                    Integer numbers = database.jdbc.queryForObject(
                            "SELECT count(*) FROM read_model.case_sealed_field WHERE field = 'CARD_NUMBER'",
                            Integer.class);
                    assertThat(numbers).isEqualTo(type == CardProduced.class ? 1 : 0);
                }));
    }
}
