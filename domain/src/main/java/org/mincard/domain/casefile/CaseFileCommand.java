package org.mincard.domain.casefile;

import java.util.UUID;

/** A request to change a case; every command names the case it targets. */
public sealed interface CaseFileCommand permits SubmitCase, CheckInApplicant, RecordDocumentReview, EscalateCase, ReturnFromEscalation, ApproveCase, DenyCase,
        AppealDenial, DecideAppeal, RecordCardProduction, MailCard, ConfirmDelivery, MarkCardReturned, HandOverCard,
        WithdrawCase, MarkNoShow, AbandonCase, CancelCase, ClaimCase, ReleaseCase, AssignCase, SetCasePriority {

    UUID caseId();
}
