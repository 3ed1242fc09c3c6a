package org.mincard.domain.casefile;

/** How urgently a case should be worked; queues list higher priorities first. Every case starts NORMAL. */
public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    URGENT
}
