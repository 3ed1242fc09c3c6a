package org.mincard.application.oversight.register;

import org.mincard.application.vault.AccessPurpose;
import org.mincard.application.vault.RequestReferences;
import org.mincard.domain.request.RequestDecision;
import org.mincard.domain.request.RequesterType;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * A holder's or a third party's read is allowed only under a registered request that covers the case or its
 * cardholder: the data subject's own request while it is open (not yet answered), or a third-party request decided
 * to disclose (PARTIAL or FULL).
 */
@Component
class RegisteredRequestReferences implements RequestReferences {

    private final DataRequests requests;

    RegisteredRequestReferences(DataRequests requests) {
        this.requests = requests;
    }

    @Override
    public boolean covers(String reference, AccessPurpose purpose, UUID caseId, UUID subjectId) {
        Optional<DataRequests.RegisteredRequest> found = parse(reference).flatMap(requests::find);
        if (found.isEmpty()) {
            return false;
        }
        DataRequests.RegisteredRequest request = found.get();
        boolean inScope = (caseId != null && request.caseIds().contains(caseId))
                || (subjectId != null && request.subjectIds().contains(subjectId));
        if (!inScope) {
            return false;
        }
        return switch (purpose) {
            case HOLDER_REQUEST -> RequesterType.DATA_SUBJECT.name().equals(request.requesterType())
                    && request.respondedOn() == null;
            case LEGAL_REQUEST -> request.decision() != null
                    && RequestDecision.valueOf(request.decision()).discloses();
            default -> false;
        };
    }

    private static Optional<UUID> parse(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(reference));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
