/**
 * Read-your-writes over HTTP (ADR 0019): every successful state-changing answer carries the event-store position it
 * produced ({@code Consistency-Token}), and reads that present a token wait, bounded, until the read models they use
 * have processed it, or answer 503 with {@code Retry-After}.
 */
@ApplicationModule(displayName = "consistency",
        allowedDependencies = {"config", "web"})
package org.mincard.application.consistency;

import org.springframework.modulith.ApplicationModule;
