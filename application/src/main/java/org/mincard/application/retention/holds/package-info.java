/**
 * Legal holds: placing, releasing, and the holds in force. Named interface {@code holds}: its public types are what the console reads (docs/console.md).
 */
@NamedInterface("holds")
package org.mincard.application.retention.holds;

import org.springframework.modulith.NamedInterface;
