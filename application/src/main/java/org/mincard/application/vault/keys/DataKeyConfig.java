package org.mincard.application.vault.keys;

import io.micrometer.core.instrument.MeterRegistry;
import org.mincard.application.config.KeyCustodyGuard;
import org.mincard.application.vault.ErasureLedger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class DataKeyConfig {

    /**
     * The KEKs: in a PKCS#11 token when {@code mincard.vault.kek.pkcs11.library} is set, else local (configured, or
     * the embedded demo's generated key file). An adapter declaring its own {@link KeyEncryptionKeys} bean replaces
     * them.
     */
    @Bean
    @ConditionalOnMissingBean(KeyEncryptionKeys.class)
    KeyEncryptionKeys keyEncryptionKeys(KekProperties properties, Clock clock,
                                        @Value("${" + KeyCustodyGuard.GENERATE + ":false}") boolean generate) {
        if (properties.pkcs11().enabled()) {
            return Pkcs11KeyEncryptionKeys.open(properties.pkcs11(), properties.currentId());
        }
        if (properties.keys().isEmpty() && !generate) {
            throw new IllegalStateException("no KEK is configured (mincard.vault.kek.keys.<id>.value or .file, or"
                    + " mincard.vault.kek.pkcs11.*); only the embedded demo generates one");
        }
        return KeyEncryptionKeysLoader.load(properties, new DestroyedKeks(properties.destroyedRegister(), clock));
    }

    @Bean
    DataKeys dataKeys(JdbcTemplate jdbc, KeyEncryptionKeys keks, DataKeyProperties properties, Clock clock,
                      ErasureLedger ledger) {
        return new DataKeys(jdbc, keks, new DataKeyCache(properties.cacheMaxEntries()), clock, ledger);
    }

    @Bean
    KeyRotations keyRotations(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                              KeyEncryptionKeys keks, DataKeyProperties properties, RotationProperties rotation,
                              Clock clock, MeterRegistry meters) {
        return new KeyRotations(jdbc, new TransactionTemplate(transactionManager), keks,
                properties.rotationBatchSize(), rotation, clock, meters);
    }

    @Bean
    KekEpochs kekEpochs(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, KeyEncryptionKeys keks,
                        KeyRotations rotations, ErasureLedger ledger, RotationProperties rotation, Clock clock) {
        return new KekEpochs(jdbc, new TransactionTemplate(transactionManager), keks, rotations, ledger, rotation,
                clock, new EpochLock(jdbc));
    }

    @Bean
    ErasureFence erasureFence(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ErasureLedger ledger,
                              DataKeys dataKeys, KeyEncryptionKeys keks, KekEpochs epochs, Clock clock) {
        return new ErasureFence(jdbc, new TransactionTemplate(transactionManager), ledger, dataKeys, keks, epochs,
                clock);
    }
}
