package org.mincard.application.retention;

import org.mincard.application.vault.keys.SoftHsm;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack with the KEKs in a real SoftHSM2 token, each epoch's version generated inside it by the schedule. The
 * attacker holds the token and its PIN as well: every secret key the token still shows a logged-in user, whatever
 * its label, is tried; and the token's object files are counted, so that no key object hides from that view.
 */
class HsmErasureHorizonAttackerIT extends ErasureHorizonAttack {

    private static final Path HOME = Path.of("target", "horizon-attacker-hsm", UUID.randomUUID().toString());
    private static final String PREFIX = SoftHsm.uniquePrefix("horizon");

    @DynamicPropertySource
    static void hsmAndLedger(DynamicPropertyRegistry registry) {
        for (String property : SoftHsm.versionedSpringProperties(PREFIX)) {
            int equals = property.indexOf('=');
            registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
        }
        registry.add("mincard.vault.erasure-ledger.path", () -> HOME.resolve("ledger/erasure-ledger.txt").toString());
    }

    @Override
    Path home() {
        return HOME;
    }

    @Override
    List<RawCopyAttacker.Kek> keksStillHeld() {
        List<RawCopyAttacker.Kek> keks = RawCopyAttacker.onToken(SoftHsm.library(), SoftHsm.pinFile());
        assertThat(SoftHsm.keyObjectsOnToken()).as("key objects in the token's files, labelled or not")
                .isEqualTo(keks.size());
        assertThat(keks).extracting(RawCopyAttacker.Kek::name).anyMatch(name -> name.startsWith(PREFIX));
        return keks;
    }

    @Override
    void assertGoneFromItsStore(String kekId) {
        assertThat(RawCopyAttacker.onToken(SoftHsm.library(), SoftHsm.pinFile()))
                .extracting(RawCopyAttacker.Kek::name).doesNotContain(kekId);
    }
}
