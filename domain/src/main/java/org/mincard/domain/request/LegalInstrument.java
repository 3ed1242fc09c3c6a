package org.mincard.domain.request;

/** The legal basis a requester presents. */
public enum LegalInstrument {
    JUDICIAL_WARRANT, COURT_ORDER, GRAND_JURY_SUBPOENA, ADMINISTRATIVE_SUBPOENA, INFORMAL_REQUEST,
    PUBLIC_RECORDS_REQUEST
}
