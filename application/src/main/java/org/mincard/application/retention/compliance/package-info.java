/**
 * The retention forecast and the compliance check. Named interface {@code compliance}: its public types are what the
 * console reads (docs/console.md).
 */
@NamedInterface("compliance")
package org.mincard.application.retention.compliance;

import org.springframework.modulith.NamedInterface;
