/**
 * Personal data sealed under per-subject, per-class keys: sealing, the access gate that unseals and logs every read,
 * the blind index, key destruction (crypto-shredding). Key storage in {@code vault.keys} is internal.
 */
@ApplicationModule(displayName = "vault",
        allowedDependencies = {"security", "web"})
package org.mincard.application.vault;

import org.springframework.modulith.ApplicationModule;
