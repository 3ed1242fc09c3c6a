package org.mincard.application.retention;

import org.mincard.domain.personaldata.DataClass;

import java.util.UUID;

/** A (cardholder, data class) whose keys a sweep has just destroyed. */
public record PurgedItem(UUID cardholderId, DataClass dataClass) {
}
