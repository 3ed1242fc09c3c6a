package org.mincard.application.migration;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an import did: counts, and every refused row by line number, column and rule. It never holds a value from
 * the file, so it can be logged, stored and sent to whoever ran the migration.
 *
 * @param refusals the first {@link CardholderImport#MAX_LISTED_REFUSALS} refusals in line order (the counts are
 *                 complete)
 */
public record ImportReport(UUID importId, long rows, long imported, long alreadyImported, long refused,
                           Map<String, Long> refusedByRule, List<Refusal> refusals, boolean fileRefused,
                           double seconds) {

    /** A refused row (or, on line 1, a refused header): where, which column or field, which rule. */
    public record Refusal(long line, String field, String rule) {
    }

    public boolean complete() {
        return !fileRefused && refused == 0;
    }
}
