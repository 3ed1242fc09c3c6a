package org.mincard.application.workqueue;

import org.junit.jupiter.api.Test;
import org.mincard.domain.shared.CaseType;
import org.mincard.projections.workqueue.QueueCursor;
import org.mincard.projections.workqueue.QueueSla;
import org.mincard.projections.workqueue.WorkQueue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueConfigTest {

    private final QueueConfig config = new QueueConfig();

    @Test
    void usesTheTypesOwnSlaBeforeTheQueueDefault() {
        QueueSla sla = config.queueSla(new QueueProperties(Map.of("document-review",
                Map.of("default", Duration.ofDays(3), "RENEWAL", Duration.ofDays(2))), Duration.ofSeconds(15)));

        assertThat(sla.of(WorkQueue.DOCUMENT_REVIEW, CaseType.RENEWAL)).contains(Duration.ofDays(2));
        assertThat(sla.of(WorkQueue.DOCUMENT_REVIEW, CaseType.NEW)).contains(Duration.ofDays(3));
        assertThat(sla.of(WorkQueue.INTAKE, CaseType.NEW)).isEmpty();
    }

    @Test
    void readsQueueKeys_asEnvironmentVariablesSpellThem() {
        QueueSla sla = config.queueSla(new QueueProperties(Map.of("documentreview",
                Map.of("renewal", Duration.ofDays(2))), Duration.ofSeconds(15)));

        assertThat(sla.of(WorkQueue.DOCUMENT_REVIEW, CaseType.RENEWAL)).contains(Duration.ofDays(2));
    }

    @Test
    void refusesToStart_whenQueueIsUnknown() {
        assertThatThrownBy(() -> config.queueSla(new QueueProperties(Map.of("triage",
                Map.of("default", Duration.ofDays(1))), Duration.ofSeconds(15))))
                .hasMessageContaining("mincard.queues.sla.triage");
    }

    @Test
    void refusesToStart_whenTypeIsUnknownOrDurationNotPositive() {
        assertThatThrownBy(() -> config.queueSla(new QueueProperties(Map.of("intake",
                Map.of("VIP", Duration.ofDays(1))), Duration.ofSeconds(15)))).hasMessageContaining("intake.VIP");
        assertThatThrownBy(() -> config.queueSla(new QueueProperties(Map.of("intake",
                Map.of("default", Duration.ZERO)), Duration.ofSeconds(15)))).hasMessageContaining("positive");
    }

    @Test
    void readsBackItsOwnCursor_andRejectsAnyOther() {
        QueueCursor cursor = new QueueCursor(1, Instant.parse("2030-01-07T08:00:00.123456Z"), UUID.randomUUID());

        assertThat(QueueCursor.decode(cursor.encode())).contains(cursor);
        assertThat(QueueCursor.decode("not a cursor")).isEmpty();
    }
}
