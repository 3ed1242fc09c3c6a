package org.mincard.application.casefile;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.mincard.application.web.ApiProblems;
import org.mincard.application.web.ProblemException;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a submission's applicant and contact fields obey at the API, for callers that do not come through it
 * (bulk imports of a legacy system's cardholders): the same Bean Validation constraints on the same request records,
 * then the rules across fields that {@link CaseSubmission} applies. Answers the first broken rule by field name and
 * rule text, never the value.
 */
@Component
public class ApplicantRules {

    /** A broken rule: the API's field name and the rule's text (no value). */
    public record Broken(String field, String rule) {
    }

    private final Validator validator;

    ApplicantRules(Validator validator) {
        this.validator = validator;
    }

    /** The first rule these fields break, if any; a missing date of birth is reported before the others. */
    public Optional<Broken> check(String legalName, LocalDate dateOfBirth, String genderMarker, String phone,
                                  String email) {
        CaseRequests.Applicant applicant = new CaseRequests.Applicant(legalName, dateOfBirth, genderMarker);
        CaseRequests.ContactDetails contact = phone == null && email == null
                ? null : new CaseRequests.ContactDetails(phone, email);
        Optional<Broken> broken = first("applicant.", validator.validate(applicant));
        if (broken.isEmpty() && contact != null) {
            broken = first("contact.", validator.validate(contact));
        }
        if (broken.isPresent()) {
            return broken;
        }
        try {
            CaseSubmission.checkApplicant(applicant, contact);
            return Optional.empty();
        } catch (ProblemException problem) {
            return problem.properties().get("errors") instanceof List<?> errors && !errors.isEmpty()
                    && errors.get(0) instanceof ApiProblems.FieldProblem field
                    ? Optional.of(new Broken(field.field(), field.message()))
                    : Optional.of(new Broken("applicant", "is not acceptable"));
        }
    }

    private static <T> Optional<Broken> first(String prefix, Set<ConstraintViolation<T>> violations) {
        // Messages of these constraints name the rule ("must not be blank", "size must be between 0 and 200"),
        // never the rejected value.
        return violations.stream()
                .min(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .map(v -> new Broken(prefix + v.getPropertyPath(), v.getMessage()));
    }
}
