/**
 * A case from application to card: submission (sealing, eligibility, idempotency), the lifecycle commands and
 * the case's personal data read through the vault's gate.
 */
@ApplicationModule(displayName = "casefile",
        allowedDependencies = {"card", "retention", "retries", "security", "vault", "web", "workqueue"})
package org.mincard.application.casefile;

import org.springframework.modulith.ApplicationModule;
