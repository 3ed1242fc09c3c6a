package org.mincard.application.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every figure of one run, with the machine and the settings, printed as a table and written as JSON. */
final class BenchResults {

    /**
     * One figure. {@code value} is null when it was not measured, and {@code note} then says why. {@code anchor} is
     * the raw PostgreSQL figure it is compared with in the same run; {@code target} the target, and
     * {@code met} whether this run reached it.
     */
    record Figure(String id, String title, Double value, String unit, String anchorTitle, Double anchor,
                  String target, Boolean met, String note) {
    }

    final Map<String, Object> machine = new LinkedHashMap<>();
    final Map<String, Object> settings = new LinkedHashMap<>();
    final List<Figure> figures = new ArrayList<>();
    Instant started = Instant.now();
    Instant finished;

    Figure add(String id, String title, double value, String unit) {
        return add(new Figure(id, title, value, unit, null, null, null, null, null));
    }

    Figure add(Figure figure) {
        figures.add(figure);
        return figure;
    }

    /** A figure with a target: {@code atMost} true for latencies (lower is better), false for rates. */
    Figure addWithTarget(String id, String title, double value, String unit, double target, boolean atMost) {
        boolean met = atMost ? value <= target : value >= target;
        return add(new Figure(id, title, value, unit, null, null,
                (atMost ? "≤ " : "≥ ") + format(target) + " " + unit, met, null));
    }

    void notMeasured(String id, String title, String reason) {
        figures.add(new Figure(id, title, null, null, null, null, null, null, reason));
    }

    /** Replaces the last figure with the same one carrying its anchor. */
    void anchor(String id, String anchorTitle, double anchor) {
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            if (f.id().equals(id)) {
                figures.set(i, new Figure(f.id(), f.title(), f.value(), f.unit(), anchorTitle, anchor, f.target(),
                        f.met(), f.value() == null || anchor == 0 ? f.note()
                        : String.format(Locale.ROOT, "%.1f %% of the anchor", 100 * f.value() / anchor)));
            }
        }
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-44s %14s %-10s %-40s %s%n", "figure", "value", "unit",
                "anchor (same run)", "target"));
        for (Figure f : figures) {
            String value = f.value() == null ? "—" : format(f.value());
            String anchor = f.anchor() == null ? "" : f.anchorTitle() + ": " + format(f.anchor());
            String target = f.target() == null ? "" : f.target() + (f.met() ? " (met)" : " (NOT met)");
            out.append(String.format(Locale.ROOT, "%-44s %14s %-10s %-40s %s%s%n", f.id(), value,
                    f.unit() == null ? "" : f.unit(), anchor, target,
                    f.note() == null ? "" : "  " + f.note()));
        }
        return out.toString();
    }

    void write(Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("started", started);
        json.put("finished", finished);
        json.put("machine", machine);
        json.put("settings", settings);
        json.put("figures", figures);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
