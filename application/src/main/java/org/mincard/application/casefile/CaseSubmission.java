package org.mincard.application.casefile;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mincard.application.card.CardRegistry;
import org.mincard.application.card.RegisteredCard;
import org.mincard.application.casefile.CaseRequests.SubmitCaseRequest;
import org.mincard.application.security.SiteScope;
import org.mincard.application.web.RequestProblems;
import org.mincard.application.workqueue.NameIndex;
import org.mincard.domain.cardholder.CardEligibility;
import org.mincard.domain.cardholder.CardValidityPolicy;
import org.mincard.domain.cardholder.RenewalPolicy;
import org.mincard.domain.casefile.SubmitCase;
import org.mincard.domain.personaldata.CardNumber;
import org.mincard.domain.personaldata.CardRecord;
import org.mincard.domain.personaldata.Contact;
import org.mincard.domain.personaldata.Delivery;
import org.mincard.domain.personaldata.PersonalDataSealer;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.ReplacementReason;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Accepts an application: validates what spans fields, finds the card a renewal, replacement or update works on,
 * seals every personal field for the cardholder, and sends the command. Retries with an Idempotency-Key are answered
 * by {@code retries.SafeRetryFilter}, whose transaction this one joins: the answer is stored with the case.
 */
@Component
class CaseSubmission {

    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private final CommandGateway commands;
    private final PersonalDataSealer sealer;
    private final CardRegistry cards;
    private final CardValidityPolicy validity;
    private final CardEligibility eligibility;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final SiteScope siteScope;
    private final NameIndex nameIndex;
    private final Clock clock;

    CaseSubmission(CommandGateway commands, PersonalDataSealer sealer, CardRegistry cards,
                   CardValidityPolicy validity, RenewalPolicy renewal, JdbcTemplate jdbc,
                   TransactionTemplate transaction, SiteScope siteScope, NameIndex nameIndex, Clock clock) {
        this.commands = commands;
        this.sealer = sealer;
        this.cards = cards;
        this.validity = validity;
        this.eligibility = new CardEligibility(renewal);
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.siteScope = siteScope;
        this.nameIndex = nameIndex;
        this.clock = clock;
    }

    /** The ids of an accepted case. */
    record Accepted(UUID caseId, UUID cardholderId) {
    }

    Accepted submit(SubmitCaseRequest request, Actor actor) {
        siteScope.requireWorksAt(actor, request.siteId());
        validate(request);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        UUID cardholderId;
        UUID previousCardId = null;
        if (request.type().needsExistingCard()) {
            RegisteredCard card = cards.findByNumber(request.cardNumber())
                    .orElseThrow(() -> RequestProblems.unprocessable("cardNumber", "does not name a card we hold"));
            requireEligible(request.type(), card, today);
            cardholderId = card.cardholderId();
            previousCardId = card.cardId();
        } else {
            cardholderId = UUID.randomUUID();
        }
        UUID caseId = UUID.randomUUID();
        AgeBand ageBand = validity.ageBand(request.applicant().dateOfBirth(), today);
        SealedValue cardRecord = sealer.seal(cardholderId, new CardRecord(request.applicant().legalName(),
                request.applicant().dateOfBirth(), request.applicant().genderMarker()));
        SealedValue contact = request.contact() == null ? null : sealer.seal(cardholderId,
                new Contact(request.contact().phone(), request.contact().email()));
        SealedValue delivery = request.delivery() == null ? null : sealer.seal(cardholderId, delivery(request.delivery()));
        SubmitCase command = new SubmitCase(caseId, request.type(), request.siteId(), cardholderId, ageBand,
                cardRecord, contact, delivery, previousCardId, request.replacementReason(), now);
        UUID finalCardholderId = cardholderId;
        return transaction.execute(status -> {
            nameIndex.index(caseId, finalCardholderId, request.applicant().legalName());
            commands.sendAndWait(command);
            return new Accepted(caseId, finalCardholderId);
        });
    }

    static Delivery delivery(CaseRequests.DeliveryAddress address) {
        return new Delivery(address.careOf(), address.street(), address.unit(), address.city(), address.region(),
                address.postalCode());
    }

    private void validate(SubmitCaseRequest request) {
        if (request.type().needsExistingCard() && request.cardNumber() == null) {
            throw RequestProblems.invalid("cardNumber", "is required for " + request.type() + " cases");
        }
        if (!request.type().needsExistingCard() && request.cardNumber() != null) {
            throw RequestProblems.invalid("cardNumber", "must not be given for NEW cases");
        }
        if (request.cardNumber() != null && !CardNumber.isWellFormed(request.cardNumber())) {
            throw RequestProblems.invalid("cardNumber", "has an invalid check digit");
        }
        if (!ReplacementReason.fits(request.type(), request.replacementReason())) {
            throw RequestProblems.invalid("replacementReason", "is required for REPLACEMENT cases and only for them");
        }
        checkApplicant(request.applicant(), request.contact());
    }

    /** The rules across an applicant's fields; {@link ApplicantRules} applies them to imported rows as well. */
    static void checkApplicant(CaseRequests.Applicant applicant, CaseRequests.ContactDetails contact) {
        if (applicant.dateOfBirth().isBefore(EARLIEST_BIRTH)) {
            throw RequestProblems.invalid("applicant.dateOfBirth", "must be after 1900-01-01");
        }
        if (contact != null && contact.phone() == null && contact.email() == null) {
            throw RequestProblems.invalid("contact", "needs a phone or an e-mail");
        }
    }

    private void requireEligible(CaseType type, RegisteredCard card, LocalDate today) {
        // The cardholder checks the same rule again when the card is produced; here it refuses the case up front.
        if (eligibility.check(type, card.status(), card.expiresOn(), today) != CardEligibility.Verdict.ELIGIBLE) {
            throw new CardNotEligible(type, card.status());
        }
    }
}
