/**
 * Retention sweeps: planning, running, progress. Named interface {@code sweep}: its public types are what the console reads (docs/console.md).
 */
@NamedInterface("sweep")
package org.mincard.application.retention.sweep;

import org.springframework.modulith.NamedInterface;
