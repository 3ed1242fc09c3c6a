package org.mincard.domain.casefile;

/** Why a case was denied; the documented list printed in denial letters and counted in reports. */
public enum DenialReason {
    /** The documents presented did not reach the points rule. */
    INSUFFICIENT_DOCUMENTS,
    /** Residency in the city for the required period was not shown. */
    RESIDENCY_NOT_SHOWN,
    /** Identity could not be established from the documents presented. */
    IDENTITY_NOT_ESTABLISHED,
    /** Documents appeared altered or not genuine. */
    DOCUMENTS_NOT_GENUINE,
    /** The applicant already holds an active card. */
    DUPLICATE_APPLICATION,
    /** The applicant does not meet a program rule (e.g. minimum age). */
    INELIGIBLE
}
