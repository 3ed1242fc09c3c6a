package org.mincard.application.security;

import org.junit.jupiter.api.Test;
import org.mincard.application.web.ProblemException;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;
import org.springframework.http.HttpStatus;

import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiteScopeTest {

    private static final UUID SITE_A = UUID.randomUUID();
    private static final UUID SITE_B = UUID.randomUUID();

    private final SiteScope scope = new SiteScope();

    @Test
    void answersNotFound_whenClerkAsksForAnotherSitesCase() {
        Actor clerk = Actors.of("u1", Role.CLERK, Set.of(SITE_A), false);

        assertThatThrownBy(() -> scope.requireVisible(clerk, SITE_B, "Case 42"))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(HttpStatus.NOT_FOUND);
                    assertThat(problem.getMessage()).isEqualTo(ProblemException.notFound("Case 42").getMessage());
                });
    }

    @Test
    void answersNotFound_whenSiteSupervisorAsksForAnotherSitesCase() {
        Actor supervisor = Actors.of("u2", Role.SUPERVISOR, Set.of(SITE_A), false);

        assertThatThrownBy(() -> scope.requireVisible(supervisor, SITE_B, "Case 42"))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void showsCase_whenActorWorksAtItsSite() {
        Actor clerk = Actors.of("u1", Role.CLERK, Set.of(SITE_A, SITE_B), false);

        assertThatCode(() -> scope.requireVisible(clerk, SITE_B, "Case 42")).doesNotThrowAnyException();
    }

    @Test
    void showsEverySite_whenSupervisorHasAllSitesOrRoleIsCityWide() {
        Actor supervisor = Actors.of("u2", Role.SUPERVISOR, Set.of(), true);
        Actor officer = Actors.of("u3", Role.RECORDS_OFFICER, Set.of(), false);

        assertThat(scope.isVisible(supervisor, SITE_B)).isTrue();
        assertThat(scope.isVisible(officer, SITE_B)).isTrue();
        assertThat(scope.visibleSites(supervisor)).isEmpty();
    }

    @Test
    void limitsQueriesToOwnSites_whenActorIsSiteScoped() {
        Actor clerk = Actors.of("u1", Role.CLERK, Set.of(SITE_A), false);

        assertThat(scope.visibleSites(clerk)).contains(Set.of(SITE_A));
    }

    @Test
    void forbidsActingAtAnotherSite_whenRequestNamesTheSite() {
        Actor clerk = Actors.of("u1", Role.CLERK, Set.of(SITE_A), false);

        assertThatThrownBy(() -> scope.requireWorksAt(clerk, SITE_B))
                .isInstanceOfSatisfying(ProblemException.class,
                        problem -> assertThat(problem.status()).isEqualTo(HttpStatus.FORBIDDEN));
    }
}
