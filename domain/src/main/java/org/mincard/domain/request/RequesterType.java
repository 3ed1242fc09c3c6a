package org.mincard.domain.request;

/** Who asks for records. */
public enum RequesterType {
    IMMIGRATION_ENFORCEMENT, OTHER_FEDERAL, STATE, LOCAL_POLICE, OTHER_AGENCY, PUBLIC_RECORDS_REQUESTER, DATA_SUBJECT
}
