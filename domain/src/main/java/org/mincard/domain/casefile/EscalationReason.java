package org.mincard.domain.casefile;

/** Why a clerk asked a supervisor to review a case. */
public enum EscalationReason {
    DOCUMENT_AUTHENTICITY_DOUBT,
    CARETAKER_ATTESTATION,
    POLICY_QUESTION,
    POSSIBLE_DUPLICATE,
    OTHER
}
