package org.mincard.application.oversight.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public transparency report for one calendar year: counts only. Each value is a number, or "&lt;N" when it
 * is between 1 and the suppression threshold minus one, so that nobody can be singled out from a small cell.
 */
public record AnnualReport(int year, int suppressBelow, List<Section> sections) {

    /** A titled table of counts; {@code note} explains a section that has no figures (yet). */
    public record Section(String key, String title, Map<String, Object> values, String note) {

        public Section {
            values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }
}
