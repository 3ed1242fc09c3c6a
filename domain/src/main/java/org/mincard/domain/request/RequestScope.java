package org.mincard.domain.request;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a request asks for: case and subject ids (pseudonymous) and the kinds of records, as codes. There is no
 * free-text description: whatever staff typed there would stay in the register for as long as it is kept.
 */
public record RequestScope(List<UUID> caseIds, List<UUID> subjectIds, List<RequestedRecord> records) {

    public RequestScope {
        caseIds = List.copyOf(Objects.requireNonNull(caseIds, "caseIds"));
        subjectIds = List.copyOf(Objects.requireNonNull(subjectIds, "subjectIds"));
        Objects.requireNonNull(records, "records");
        if (records.isEmpty() || records.stream().anyMatch(record -> record == null || !record.selectable())) {
            throw new IllegalArgumentException("requestedRecords: must name at least one kind of record");
        }
        records = records.stream().distinct().sorted(Comparator.naturalOrder()).toList();
        if (Set.copyOf(caseIds).size() != caseIds.size() || Set.copyOf(subjectIds).size() != subjectIds.size()) {
            throw new IllegalArgumentException("caseIds and subjectIds: must not repeat an id");
        }
    }
}
