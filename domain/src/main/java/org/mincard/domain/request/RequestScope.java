package org.mincard.domain.request;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a request asks for: case and subject ids (pseudonymous) and a short description of the scope. The description
 * must not name anyone (it is shown to auditors and kept in the register): 1 to 500 characters, one line.
 */
public record RequestScope(List<UUID> caseIds, List<UUID> subjectIds, String description) {

    public static final int MAX_DESCRIPTION = 500;

    public RequestScope {
        caseIds = List.copyOf(Objects.requireNonNull(caseIds, "caseIds"));
        subjectIds = List.copyOf(Objects.requireNonNull(subjectIds, "subjectIds"));
        Objects.requireNonNull(description, "description");
        if (description.isBlank() || description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("description: must be 1 to " + MAX_DESCRIPTION + " characters");
        }
        if (description.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("description: must be one line without control characters");
        }
        if (Set.copyOf(caseIds).size() != caseIds.size() || Set.copyOf(subjectIds).size() != subjectIds.size()) {
            throw new IllegalArgumentException("caseIds and subjectIds: must not repeat an id");
        }
    }
}
