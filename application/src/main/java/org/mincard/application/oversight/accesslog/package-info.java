/**
 * The access-log review: pseudonymous access records with their flags. Named interface {@code accesslog}: its public types are what the console reads (docs/console.md).
 */
@NamedInterface("accesslog")
package org.mincard.application.oversight.accesslog;

import org.springframework.modulith.NamedInterface;
