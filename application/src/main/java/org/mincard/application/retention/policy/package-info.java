/**
 * The active retention policy. Named interface {@code policy}: its public types are what the console reads (docs/console.md).
 */
@NamedInterface("policy")
package org.mincard.application.retention.policy;

import org.springframework.modulith.NamedInterface;
