package org.mincard.application.oversight;

import java.util.Map;

/** Purge and legal-hold counts for the annual report, provided by retention. Calendar years in UTC. */
public interface RetentionFigures {

    /** Values purged in the year, per "rule/class" key (a value is one cardholder's data of one class). */
    Map<String, Long> purgesByRuleAndClass(int year);

    /** Holds "placed" and "released" in the year, and "active at year end". */
    Map<String, Long> holds(int year);
}
