package org.mincard.domain.personaldata;

/**
 * Plaintext personal data of one class. It exists only in the memory of a request allowed to see it: it is sealed
 * at the API edge before any command is sent, and never enters a command, an event, a log line or a table.
 * Implementations' {@code toString} never shows their content.
 */
public sealed interface PersonalData permits CardRecord, CardNumber, Contact, Delivery, Review {

    DataClass dataClass();
}
