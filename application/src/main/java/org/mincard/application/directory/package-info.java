/**
 * Names instead of ids, for people only: the site directory (configured names, office addresses, time zones) and
 * the staff directory (display names from configuration or the identity provider's claims). Nothing here ever
 * enters an event; events keep opaque ids.
 */
@ApplicationModule(displayName = "directory",
        allowedDependencies = {})
package org.mincard.application.directory;

import org.springframework.modulith.ApplicationModule;
