package org.mincard.projections.annualfigures;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts per section and item for one year, and the processing time of the cases decided (approved or denied) in
 * it: days from submission to the decision, median and 90th percentile ({@code null} when none was decided).
 */
public record AnnualFigures(int year, Map<FigureSection, Map<String, Long>> counts, long casesDecided,
                            Double medianDays, Double ninetiethPercentileDays) {

    public AnnualFigures {
        Map<FigureSection, Map<String, Long>> copy = new EnumMap<>(FigureSection.class);
        counts.forEach((section, items) -> copy.put(section, Map.copyOf(items)));
        counts = copy;
    }

    /** The counts of one section, items in ascending order (empty when nothing was counted). */
    public Map<String, Long> section(FigureSection section) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.getOrDefault(section, Map.of()).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }
}
