package org.mincard.application.vault.ledger;

import org.mincard.application.vault.ErasureLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import java.nio.file.Path;

@Configuration(proxyBeanMethods = false)
class ErasureLedgerConfig {

    private static final Logger LOG = LoggerFactory.getLogger(ErasureLedgerConfig.class);

    /** The file ledger; a city's own store (an HSM object, a secret store) declares its own bean instead. */
    @Bean
    @ConditionalOnMissingBean(ErasureLedger.class)
    ErasureLedger fileErasureLedger(ErasureLedgerProperties properties, Environment environment) {
        Path ledger = properties.path().toAbsolutePath().normalize();
        String pgData = environment.getProperty("mincard.embedded-postgres.data-directory");
        if (StringUtils.hasText(pgData) && ledger.startsWith(Path.of(pgData).toAbsolutePath().normalize())) {
            throw new IllegalStateException("mincard.vault.erasure-ledger.path (" + ledger + ") is inside the"
                    + " PostgreSQL data folder " + pgData + "; a restored backup would roll it back. Put it outside.");
        }
        FileErasureLedger file = new FileErasureLedger(ledger);
        LOG.info("Erasure ledger {}: {} entries", ledger, file.head().sequence());
        return file;
    }
}
