package org.mincard.application.vault.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The KEK epoch schedule ({@code mincard.vault.rotation.scheduled}, on by default): every {@code check-every} it
 * rotates when the current epoch has lasted {@code interval} and destroys retired KEKs whose backup retention has
 * passed, and takes over a rotation whose node stopped sending heartbeats.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "mincard.vault.rotation.scheduled", havingValue = "true", matchIfMissing = true)
class KekSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(KekSchedule.class);

    private final KekEpochs epochs;

    KekSchedule(KekEpochs epochs) {
        this.epochs = epochs;
    }

    @Scheduled(fixedDelayString = "${mincard.vault.rotation.check-every:PT1H}",
            initialDelayString = "${mincard.vault.rotation.check-every:PT1H}")
    void check() {
        try {
            epochs.tick();
        } catch (RuntimeException e) {
            LOG.error("KEK epoch check failed; it is retried at the next check", e);
        }
    }
}
