package org.mincard.application.vault;

import org.junit.jupiter.api.Test;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;

import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AccessPolicyTest {

    private static final UUID SITE = UUID.randomUUID();

    @Test
    void neverAllowsPersonalData_whenTheRoleIsAuditorOrAdmin() {
        for (Role role : Set.of(Role.AUDITOR, Role.ADMIN)) {
            for (AccessPurpose purpose : AccessPurpose.values()) {
                for (DataClass dataClass : DataClass.values()) {
                    assertThat(AccessPolicy.allows(role, purpose, dataClass)).as(role + " " + purpose + " " + dataClass)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void allowsCaseWork_whenAClerkWorksAtTheCasesSite() {
        Actor clerk = new Actor("u-1", Role.CLERK, Set.of(SITE), false);

        RefusalReason refusal = AccessPolicy.refusal(clerk, AccessPurpose.CASE_WORK,
                AccessContext.ofCase(UUID.randomUUID(), SITE), DataClass.CARD_RECORD);

        assertThat(refusal).isNull();
    }

    @Test
    void refusesOtherSite_whenTheCaseIsAtASiteTheClerkDoesNotWorkAt() {
        Actor clerk = new Actor("u-1", Role.CLERK, Set.of(SITE), false);

        RefusalReason refusal = AccessPolicy.refusal(clerk, AccessPurpose.CASE_WORK,
                AccessContext.ofCase(UUID.randomUUID(), UUID.randomUUID()), DataClass.CONTACT);

        assertThat(refusal).isEqualTo(RefusalReason.OTHER_SITE);
    }

    @Test
    void refusesRole_whenAClerkClaimsALegalRequest() {
        Actor clerk = new Actor("u-1", Role.CLERK, Set.of(SITE), false);

        RefusalReason refusal = AccessPolicy.refusal(clerk, AccessPurpose.LEGAL_REQUEST,
                AccessContext.none().withRequestReference("req-1"), DataClass.CARD_RECORD);

        assertThat(refusal).isEqualTo(RefusalReason.ROLE_NOT_ALLOWED);
    }

    @Test
    void refusesLegalRequest_whenItNamesNoRegisteredRequest() {
        Actor officer = new Actor("u-2", Role.RECORDS_OFFICER, Set.of(), true);

        RefusalReason refusal = AccessPolicy.refusal(officer, AccessPurpose.LEGAL_REQUEST, AccessContext.none(),
                DataClass.CARD_RECORD);

        assertThat(refusal).isEqualTo(RefusalReason.NO_REQUEST_REFERENCE);
    }

    @Test
    void readsPurposeHeader_whenSpelledInKebabOrLowerCase() {
        assertThat(AccessPurpose.fromHeader("case-work")).contains(AccessPurpose.CASE_WORK);
        assertThat(AccessPurpose.fromHeader(" SUPERVISOR_REVIEW ")).contains(AccessPurpose.SUPERVISOR_REVIEW);
        assertThat(AccessPurpose.fromHeader("curiosity")).isEmpty();
    }
}
