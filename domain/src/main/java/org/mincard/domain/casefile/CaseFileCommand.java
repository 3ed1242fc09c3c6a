package org.mincard.domain.casefile;

import java.util.UUID;

/** A request to change a case; every command names the case it targets. */
public sealed interface CaseFileCommand permits SubmitCase {

    UUID caseId();
}
