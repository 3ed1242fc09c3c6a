package org.mincard.application.casefile;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.mincard.domain.casefile.CancellationReason;
import org.mincard.domain.casefile.DenialReason;
import org.mincard.domain.casefile.EscalationReason;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.ReplacementReason;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Request bodies of the case API. Personal fields are sealed before any command is sent; the records that can hold
 * personal data never print it, so a stray log line or exception message cannot carry it.
 */
final class CaseRequests {

    private CaseRequests() {
    }

    @Schema(description = "An application for a card. Personal data is sealed on arrival; forbidden data "
            + "(immigration status, SSN/ITIN, document numbers or images, home address) is refused.",
            example = "{\"type\": \"NEW\", \"siteId\": \"a0000000-0000-4000-8000-00000000000a\", "
                    + "\"applicant\": {\"legalName\": \"Ana Example\", "
                    + "\"dateOfBirth\": \"1990-04-01\"}, \"contact\": {\"email\": \"ana@example.org\"}}")
    record SubmitCaseRequest(
            @NotNull CaseType type,
            @NotNull UUID siteId,
            @NotNull @Valid Applicant applicant,
            @Valid ContactDetails contact,
            @Valid DeliveryAddress delivery,
            @Schema(description = "The existing card, for RENEWAL, REPLACEMENT and UPDATE cases")
            @Pattern(regexp = "\\d{16}", message = "must be 16 digits") String cardNumber,
            @Schema(description = "Why the card is replaced; REPLACEMENT cases only")
            ReplacementReason replacementReason) {
        @Override
        public String toString() {
            return "SubmitCaseRequest[redacted]";
        }
    }

    @Schema(description = "The card record: what is printed on the card")
    record Applicant(
            @NotBlank @Size(max = 200) String legalName,
            @NotNull @PastOrPresent LocalDate dateOfBirth,
            @Schema(description = "Self-designated; printed only if given")
            @Size(max = 40) String genderMarker) {
        @Override
        public String toString() {
            return "Applicant[redacted]";
        }
    }

    @Schema(description = "Appointment and pickup notices; at least one of phone or e-mail")
    record ContactDetails(
            @Pattern(regexp = "\\+?[0-9 ()-]{6,32}", message = "must be a phone number") String phone,
            @Email @Size(max = 254) String email) {
        @Override
        public String toString() {
            return "ContactDetails[redacted]";
        }
    }

    @Schema(description = "A mailing or care-of address for a mailed card (never a home address of an in-person "
            + "applicant unless it is where the card should go)")
    record DeliveryAddress(
            @Size(max = 200) String careOf,
            @NotBlank @Size(max = 200) String street,
            @Size(max = 50) String unit,
            @NotBlank @Size(max = 100) String city,
            @Size(max = 50) String region,
            @NotBlank @Pattern(regexp = "[A-Za-z0-9 -]{3,12}", message = "must be a postal code") String postalCode) {
        @Override
        public String toString() {
            return "DeliveryAddress[redacted]";
        }
    }

    @Schema(description = "The documents a clerk reviewed, by type code from the points table; never numbers or "
            + "images",
            example = "{\"documents\": [{\"type\": \"CONSULAR_ID\"}, {\"type\": \"SHELTER_LETTER\"}]}")
    record ReviewRequest(
            @NotEmpty @Size(max = 20) List<@Valid DocumentEntry> documents,
            @Size(max = 2000) String attestation,
            @Size(max = 2000) String clerkNotes) {
        @Override
        public String toString() {
            return "ReviewRequest[redacted]";
        }
    }

    record DocumentEntry(@NotBlank @Size(max = 64) String type) {
    }

    @Schema(example = "{\"reason\": \"DOCUMENT_AUTHENTICITY_DOUBT\"}")
    record EscalateRequest(@NotNull EscalationReason reason) {
    }

    @Schema(example = "{\"reason\": \"INSUFFICIENT_DOCUMENTS\"}")
    record DenyRequest(@NotNull DenialReason reason) {
    }

    @Schema(example = "{\"granted\": true}")
    record DecideAppealRequest(@NotNull Boolean granted) {
    }

    @Schema(example = "{\"delivery\": {\"careOf\": \"Example Shelter\", "
            + "\"street\": \"1 Example Street\", \"city\": \"Springfield\", "
            + "\"postalCode\": \"12345\"}}")
    record MailRequest(@Valid DeliveryAddress delivery) {
        @Override
        public String toString() {
            return "MailRequest[redacted]";
        }
    }

    @Schema(example = "{\"reason\": \"ENTERED_IN_ERROR\"}")
    record CancelRequest(@NotNull CancellationReason reason) {
    }
}
