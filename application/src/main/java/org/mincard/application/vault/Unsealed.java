package org.mincard.application.vault;

import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.mincard.domain.personaldata.PersonalData;

import java.util.Objects;

/**
 * The gate's answer for one sealed value: shown (with the plaintext), purged (its key was destroyed) or refused.
 * Purged and refused values are answers, not exceptions, so a list can show what it may and mark the rest.
 */
public sealed interface Unsealed {

    DataClass dataClass();

    AccessOutcome outcome();

    /** This answer, or a 403 problem if the read was refused. */
    default Unsealed orRefuse() {
        return this;
    }

    /** The plaintext, for this request only: never log it, put it in an exception, a command or an event. */
    record Shown(KeyReference key, PersonalData data) implements Unsealed {

        public Shown {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(data, "data");
        }

        public <T extends PersonalData> T data(Class<T> type) {
            return type.cast(data);
        }

        @Override
        public DataClass dataClass() {
            return key.dataClass();
        }

        @Override
        public AccessOutcome outcome() {
            return AccessOutcome.SHOWN;
        }

        @Override
        public String toString() {
            return "Shown[" + key.dataClass() + ", redacted]";
        }
    }

    /** The value's key is destroyed: it can never be read again. */
    record Purged(DataClass dataClass) implements Unsealed {

        public Purged {
            Objects.requireNonNull(dataClass, "dataClass");
        }

        public PurgedMarker marker() {
            return new PurgedMarker(dataClass);
        }

        @Override
        public AccessOutcome outcome() {
            return AccessOutcome.PURGED;
        }
    }

    /** The access policy refused the read; nothing was decrypted. */
    record Refused(DataClass dataClass, RefusalReason reason) implements Unsealed {

        public Refused {
            Objects.requireNonNull(dataClass, "dataClass");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public AccessOutcome outcome() {
            return AccessOutcome.REFUSED;
        }

        @Override
        public Unsealed orRefuse() {
            throw new AccessRefused(this);
        }
    }
}
