/**
 * The annual transparency report: counts only, small counts suppressed. Named interface {@code report}: its public types are what the console reads (docs/console.md).
 */
@NamedInterface("report")
package org.mincard.application.oversight.report;

import org.springframework.modulith.NamedInterface;
