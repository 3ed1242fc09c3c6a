package org.mincard.application.vault.ledger;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Where the erasure ledger file lives: outside the database's data folder (and, in production, on storage that the
 * database's backups do not capture and restore, e.g. a separate volume), so that a restored backup cannot roll it
 * back with the database.
 */
@ConfigurationProperties("mincard.vault.erasure-ledger")
record ErasureLedgerProperties(Path path) {

    ErasureLedgerProperties {
        path = path == null ? Path.of("data", "ledger", "erasure-ledger.txt") : path;
    }
}
