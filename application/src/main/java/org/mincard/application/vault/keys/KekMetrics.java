package org.mincard.application.vault.keys;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The erasure horizon's alarm: KEK versions still held after their planned destruction date (or destroyed and still
 * held). Above zero, purged items wrapped under such a version stay recoverable from backups and WAL longer than the
 * city promised; the compliance check reports the same as a violation. Computed at each scrape from
 * {@code vault.kek_epoch} (a handful of rows) and the KEK versions the node holds.
 */
@Component
class KekMetrics {

    KekMetrics(KekEpochs epochs, MeterRegistry registry) {
        Gauge.builder("mincard.vault.kek.overdue", epochs, e -> e.overdue().size())
                .description("KEK versions held past their destruction date: erasure horizons overdue")
                .register(registry);
        Gauge.builder("mincard.vault.kek.held", epochs, e -> e.epochs().stream()
                        .filter(epoch -> epoch.destroyedAt() == null).count())
                .description("KEK versions not yet destroyed (the current one included)")
                .register(registry);
    }
}
