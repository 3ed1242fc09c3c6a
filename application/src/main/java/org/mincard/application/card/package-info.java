/**
 * The card registry: a card by its number's blind index, kept in the command's transaction, and the card API.
 */
@ApplicationModule(displayName = "card",
        allowedDependencies = {"retention", "security", "vault", "web"})
package org.mincard.application.card;

import org.springframework.modulith.ApplicationModule;
