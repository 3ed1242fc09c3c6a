/**
 * Signed purge manifests. Named interface {@code manifest}: its public types are what the console reads (docs/console.md).
 */
@NamedInterface("manifest")
package org.mincard.application.retention.manifest;

import org.springframework.modulith.NamedInterface;
