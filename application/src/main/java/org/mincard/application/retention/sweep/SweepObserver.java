package org.mincard.application.retention.sweep;

import java.util.UUID;

/**
 * Called inside each batch's transaction after its work and before its commit. Production uses the no-op; the
 * crash-recovery test throws here to cut a sweep off at the worst moment.
 */
public interface SweepObserver {

    void beforeCommit(UUID sweepId, int batchNumber);
}
