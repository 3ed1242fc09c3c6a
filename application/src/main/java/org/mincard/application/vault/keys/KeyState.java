package org.mincard.application.vault.keys;

import javax.crypto.SecretKey;
import java.util.Objects;

/** What the key store holds for one key reference when a value is to be unsealed. */
public sealed interface KeyState {

    /** The key is live; here it is, unwrapped. */
    record Live(SecretKey key) implements KeyState {
        public Live {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "Live[key redacted]";
        }
    }

    /** The key was destroyed by a purge: the value can never be read again. */
    record Destroyed() implements KeyState {
    }

    /** No such key was ever created here (for example, a value sealed by another installation). */
    record Unknown() implements KeyState {
    }
}
