package org.mincard.application.security;

import org.mincard.domain.shared.Role;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/** Site scoping with the embedded default: demo users over HTTP Basic, one per role and site. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SiteScopingIT extends SiteScopingCheck {

    @DynamicPropertySource
    static void oneSiteUsers(DynamicPropertyRegistry registry) {
        for (Role role : new Role[] {Role.CLERK, Role.SUPERVISOR}) {
            for (UUID site : new UUID[] {SITE_A, SITE_B}) {
                String prefix = "mincard.security.demo.users." + user(role, site);
                registry.add(prefix + ".password", () -> AuthorizationMatrixIT.PASSWORD);
                registry.add(prefix + ".role", role::name);
                registry.add(prefix + ".sites", site::toString);
            }
        }
    }

    private static String user(Role role, UUID site) {
        return "scope-" + role.name().toLowerCase() + "-" + (site.equals(SITE_A) ? "a" : "b");
    }

    @Override
    HttpHeaders as(Role role, UUID site) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user(role, site), AuthorizationMatrixIT.PASSWORD);
        return headers;
    }

    @Override
    HttpHeaders recordsOfficer() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("records-officer", AuthorizationMatrixIT.PASSWORD);
        return headers;
    }
}
