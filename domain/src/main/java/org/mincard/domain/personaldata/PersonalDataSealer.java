package org.mincard.domain.personaldata;

import java.util.UUID;

/**
 * Port to the vault: seals a subject's personal data under that subject's current key for the data's class.
 * Unsealing is not part of the domain; it happens only in the application's access gate, which logs every read.
 */
public interface PersonalDataSealer {

    SealedValue seal(UUID subjectId, PersonalData data);
}
