/**
 * Safe retries for every state-changing request: the {@code Idempotency-Key} answer stored in the command's own
 * transaction and replayed, and optimistic concurrency ({@code ETag} / {@code If-Match}) on Axon's aggregate versions.
 * See docs/lifecycle.md "Client contract" and ADR 0018.
 */
@ApplicationModule(displayName = "retries",
        allowedDependencies = {"retention", "security", "vault", "web"})
package org.mincard.application.retries;

import org.springframework.modulith.ApplicationModule;
