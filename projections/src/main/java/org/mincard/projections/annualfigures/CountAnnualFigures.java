package org.mincard.projections.annualfigures;

/** The annual report's event-derived figures for one calendar year (UTC), by the time each event was stored. */
public record CountAnnualFigures(int year) {
}
