package org.mincard.application.security;

import org.mincard.domain.shared.Role;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;

/** The matrix with the embedded default: demo users over HTTP Basic, one per role. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationMatrixIT extends AuthorizationMatrixCheck {

    static final String PASSWORD = "test-password";

    static String demoUser(Role role) {
        return switch (role) {
            case CLERK -> "clerk-a";
            case SUPERVISOR -> "supervisor";
            case RECORDS_OFFICER -> "records-officer";
            case AUDITOR -> "auditor";
            case ADMIN -> "admin";
            case SYSTEM -> throw new IllegalArgumentException("nobody signs in as the system actor");
        };
    }

    @Override
    HttpHeaders credentials(Role role) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(demoUser(role), PASSWORD);
        return headers;
    }
}
