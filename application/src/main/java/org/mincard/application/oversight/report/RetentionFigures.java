package org.mincard.application.oversight.report;

import java.util.Map;
import java.util.Optional;

/**
 * Purge and legal-hold counts for the annual report. Retention provides a bean of this type (from its
 * PersonalDataPurged and hold events); until it does, the report says the sections are not available.
 */
public interface RetentionFigures {

    /** Purged values per "rule/class" key in the year, or empty when unknown. */
    Optional<Map<String, Long>> purgesByRuleAndClass(int year);

    /** Holds placed and released in the year ("placed", "released", "active at year end"), or empty when unknown. */
    Optional<Map<String, Long>> holds(int year);
}
