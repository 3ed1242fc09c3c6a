/**
 * The third-party request register. Named interface {@code register}: its public types are what the console reads (docs/console.md).
 */
@NamedInterface("register")
package org.mincard.application.oversight.register;

import org.springframework.modulith.NamedInterface;
