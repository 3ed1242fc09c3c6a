package org.mincard.application.casefile;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mincard.application.card.CardRegistry;
import org.mincard.application.card.RegisteredCard;
import org.mincard.application.casefile.CaseRequests.SubmitCaseRequest;
import org.mincard.application.security.SiteScope;
import org.mincard.application.vault.BlindIndex;
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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Accepts an application: validates what spans fields, finds the card a renewal, replacement or update works on,
 * seals every personal field for the cardholder, and sends the command. With an idempotency key, the first answer
 * is stored in the same transaction as the case, so a retry returns it instead of opening a second case.
 */
@Component
class CaseSubmission {

    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private final CommandGateway commands;
    private final PersonalDataSealer sealer;
    private final CardRegistry cards;
    private final CardValidityPolicy validity;
    private final CardEligibility eligibility;
    private final BlindIndex blindIndex;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final SiteScope siteScope;
    private final NameIndex nameIndex;
    private final IdempotencyRecords idempotency;
    private final Clock clock;

    CaseSubmission(CommandGateway commands, PersonalDataSealer sealer, CardRegistry cards,
                   CardValidityPolicy validity, RenewalPolicy renewal, BlindIndex blindIndex, JdbcTemplate jdbc,
                   TransactionTemplate transaction, SiteScope siteScope, NameIndex nameIndex,
                   IdempotencyRecords idempotency, Clock clock) {
        this.commands = commands;
        this.sealer = sealer;
        this.cards = cards;
        this.validity = validity;
        this.eligibility = new CardEligibility(renewal);
        this.blindIndex = blindIndex;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.siteScope = siteScope;
        this.nameIndex = nameIndex;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /** The ids of an accepted case. */
    record Accepted(UUID caseId, UUID cardholderId, boolean replayed) {
    }

    Accepted submit(SubmitCaseRequest request, String idempotencyKey, Actor actor) {
        siteScope.requireWorksAt(actor, request.siteId());
        validate(request);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        byte[] fingerprint = idempotencyKey == null ? null : fingerprint(request);
        if (idempotencyKey != null) {
            Optional<Accepted> earlier = earlierAnswer(idempotencyKey, actor, fingerprint);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
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
        try {
            return transaction.execute(status -> {
                if (idempotencyKey != null) {
                    idempotency.store(idempotencyKey, actor, fingerprint, caseId, finalCardholderId, now);
                }
                nameIndex.index(caseId, finalCardholderId, request.applicant().legalName());
                commands.sendAndWait(command);
                return new Accepted(caseId, finalCardholderId, false);
            });
        } catch (DuplicateKeyException raced) {
            // The same key arrived twice at once; the other request's case is the answer.
            return earlierAnswer(idempotencyKey, actor, fingerprint).orElseThrow(() -> raced);
        }
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

    private Optional<Accepted> earlierAnswer(String key, Actor actor, byte[] fingerprint) {
        return idempotency.find(key, actor).map(stored -> {
            if (!MessageDigest.isEqual(stored.fingerprint(), fingerprint)) {
                throw new IdempotencyKeyReused();
            }
            return new Accepted(stored.caseId(), stored.cardholderId(), true);
        });
    }

    /** A keyed fingerprint of the request, so a reused key with another body is recognised without storing it. */
    private byte[] fingerprint(SubmitCaseRequest request) {
        CaseRequests.ContactDetails contact = request.contact();
        CaseRequests.DeliveryAddress delivery = request.delivery();
        List<Object> parts = Arrays.asList(request.type(), request.siteId(), request.applicant().legalName(),
                request.applicant().dateOfBirth(), request.applicant().genderMarker(),
                contact == null ? null : contact.phone(), contact == null ? null : contact.email(),
                delivery == null ? null : delivery.careOf(), delivery == null ? null : delivery.street(),
                delivery == null ? null : delivery.unit(), delivery == null ? null : delivery.city(),
                delivery == null ? null : delivery.region(), delivery == null ? null : delivery.postalCode(),
                request.cardNumber(), request.replacementReason());
        return blindIndex.of("idempotency", parts.stream().map(String::valueOf).collect(Collectors.joining("\u0000")));
    }
}
