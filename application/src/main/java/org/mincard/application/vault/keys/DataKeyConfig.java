package org.mincard.application.vault.keys;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class DataKeyConfig {

    /** The local KEKs; a KMS or Vault adapter declaring its own {@link KeyEncryptionKeys} bean replaces them. */
    @Bean
    @ConditionalOnMissingBean(KeyEncryptionKeys.class)
    KeyEncryptionKeys localKeyEncryptionKeys(KekProperties properties) {
        return KeyEncryptionKeysLoader.load(properties);
    }

    @Bean
    DataKeys dataKeys(JdbcTemplate jdbc, KeyEncryptionKeys keks, DataKeyProperties properties, Clock clock) {
        return new DataKeys(jdbc, keks, new DataKeyCache(properties.cacheMaxEntries()), clock);
    }

    @Bean
    KeyRotations keyRotations(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                              KeyEncryptionKeys keks, DataKeyProperties properties, Clock clock) {
        return new KeyRotations(jdbc, new TransactionTemplate(transactionManager), keks,
                properties.rotationBatchSize(), clock);
    }
}
