package org.mincard.application.retention.sweep;

/** A sweep's state ({@code retention.sweep.state}); a unique index allows one {@code RUNNING} sweep. */
public enum SweepState {
    RUNNING,
    COMPLETED
}
