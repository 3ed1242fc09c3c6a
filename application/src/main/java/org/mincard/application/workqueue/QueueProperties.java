package org.mincard.application.workqueue;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * Work-queue settings: the SLA per queue ({@code document-review}, ...) and case type ({@code NEW}, ...,
 * or {@code default} for every type without its own entry), and how often the queue gauges are refreshed.
 */
@Validated
@ConfigurationProperties("mincard.queues")
public record QueueProperties(Map<String, Map<String, Duration>> sla, @NotNull Duration metricsRefresh) {

    public QueueProperties {
        sla = sla == null ? Map.of() : sla;
    }
}
