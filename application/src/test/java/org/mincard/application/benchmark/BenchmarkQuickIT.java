package org.mincard.application.benchmark;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the benchmark command working: runs its quick mode on a small city and checks that every figure was
 * produced, that the sweep figure gave the city's own due items back, and that the chains still verify intact after
 * the benchmark's appends. Never a timing threshold: the machines are shared and noisy.
 */
class BenchmarkQuickIT {

    @Test
    void producesEveryFigure_whenTheQuickSuiteRuns() throws Exception {
        Path directory = Path.of("target/bench/quick-it");
        Benchmark.Settings settings = new Benchmark.Settings("quick", 300, directory,
                directory.resolve("results.json"), 2, List.of(4), Duration.ofSeconds(1), Duration.ofSeconds(2),
                100, Duration.ofSeconds(2), 4, 100, 20, "document-review", "jwt", 300, 20_000, 8,
                Duration.ZERO);

        BenchResults results = Benchmark.run(settings);

        assertThat(directory.resolve("results.json")).exists();
        assertThat(results.machine).containsKeys("cores", "memoryBytes", "java", "postgresql");
        assertThat(results.figures).extracting(BenchResults.Figure::id).contains(
                "load.cardholders", "1.http.c4.commands_per_second", "2.visibility.p99_ms",
                "3.rebuild.events_per_second", "3.rebuild.bulk_events_per_second", "4.read.case.p99_ms",
                "4.read.queue_page.p99_ms",
                "4.read.named_queue_page.p99_ms", "4.read.queue_summary.p99_ms", "4.read.dashboard.p99_ms",
                "5.vault.page_of_50_median_ms", "6.retention.sweep_items_per_second", "7.audit.appends_per_second",
                "7.audit.verify_seconds_per_million",
                "8.memory.rss_after_load_mb", "8.startup.seconds_to_healthy");
        assertThat(results.figures)
                .filteredOn(figure -> figure.value() != null)
                .allSatisfy(figure -> assertThat(figure.value()).as(figure.id()).isPositive());
        assertThat(results.figures)
                .filteredOn(figure -> figure.value() == null)
                .allSatisfy(figure -> assertThat(figure.note()).as(figure.id()).isNotBlank());
        assertThat(results.figures).filteredOn(figure -> figure.id().equals("6.retention.sweep_items_per_second"))
                .singleElement().satisfies(figure -> assertThat(figure.note()).contains("all restored"));
        assertThat(results.figures).filteredOn(figure -> figure.id().startsWith("7.audit.verify"))
                .allSatisfy(figure -> assertThat(figure.note()).as(figure.id()).contains("every chain intact"));
    }
}
