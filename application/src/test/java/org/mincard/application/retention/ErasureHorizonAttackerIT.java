package org.mincard.application.retention;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The attack with the embedded default's KEKs: {@code <id>.kek} files in the key folder, versions made by the schedule. */
class ErasureHorizonAttackerIT extends ErasureHorizonAttack {

    private static final Path HOME = Path.of("target", "horizon-attacker", UUID.randomUUID().toString());

    @DynamicPropertySource
    static void ownKeysAndLedger(DynamicPropertyRegistry registry) {
        registry.add("mincard.vault.kek.directory", () -> HOME.resolve("keys").toString());
        registry.add("mincard.vault.erasure-ledger.path", () -> HOME.resolve("ledger/erasure-ledger.txt").toString());
    }

    @Override
    Path home() {
        return HOME;
    }

    @Override
    List<RawCopyAttacker.Kek> keksStillHeld() {
        return RawCopyAttacker.inMemory(RawCopyAttacker.keksIn(HOME.resolve("keys")));
    }

    @Override
    void assertGoneFromItsStore(String kekId) {
        assertThat(HOME.resolve("keys/" + kekId + ".kek")).doesNotExist();
    }
}
