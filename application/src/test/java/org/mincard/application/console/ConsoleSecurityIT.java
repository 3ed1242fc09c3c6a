package org.mincard.application.console;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's filter chain over HTTP: form sign-in with a session cookie (Secure, HttpOnly, SameSite), CSRF on
 * every form, a strict content security policy, the screens' role table, and an API that still ignores sessions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleSecurityIT {

    static final String PASSWORD = "test-password";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate rest;

    @Test
    void redirectsToTheConsole_andAnonymousVisitorsToSignIn() {
        ConsoleSession anonymous = new ConsoleSession(port);

        HttpResponse<String> root = anonymous.get("/");
        HttpResponse<String> myWork = anonymous.get("/console/my-work");

        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/console"));
        assertThat(myWork.statusCode()).isEqualTo(302);
        assertThat(myWork.headers().firstValue("Location")).hasValueSatisfying(
                to -> assertThat(to).endsWith("/console/login"));
    }

    @Test
    void servesTheSignInPage_withAStrictPolicyAndACsrfToken() {
        HttpResponse<String> login = new ConsoleSession(port).get("/console/login");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                        + "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.body()).contains("name=\"_csrf\"").doesNotContain("<script>").doesNotContain("style=");
    }

    @Test
    void servesItsOwnStylesAndScripts_andNoOtherStaticFile() {
        ConsoleSession anonymous = new ConsoleSession(port);

        assertThat(anonymous.get("/console/assets/console.css").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/webjars/htmx.org/dist/htmx.min.js").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/console/assets/../application.yml").statusCode()).isNotEqualTo(200);
    }

    @Test
    void signsIn_withASecureHttpOnlySameSiteSessionCookie() {
        ConsoleSession session = new ConsoleSession(port);
        session.get("/console/login");

        HttpResponse<String> signedIn = session.post("/console/login",
                Map.of("username", "clerk-a", "password", PASSWORD), true);

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/console"));
        assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("MINCARD_CONSOLE=").contains("Secure").contains("HttpOnly").contains("SameSite=Lax"));
        HttpResponse<String> myWork = session.get("/console/my-work");
        assertThat(myWork.statusCode()).isEqualTo(200);
        assertThat(myWork.body()).contains("My work").contains("Clerk A (clerk-a)").contains("Northside Library");
    }

    @Test
    void refusesAForm_withoutItsCsrfToken() {
        ConsoleSession session = new ConsoleSession(port);
        session.get("/console/login");

        HttpResponse<String> forged = session.post("/console/login",
                Map.of("username", "clerk-a", "password", PASSWORD), false);

        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void refusesWrongPasswords_withoutSayingWhich() {
        HttpResponse<String> wrong = new ConsoleSession(port).signIn("clerk-a", "not-the-password");

        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(
                to -> assertThat(to).endsWith("/console/login?error"));
    }

    @Test
    void showsEachRoleOnlyItsScreens() {
        ConsoleSession auditor = new ConsoleSession(port);
        auditor.signIn("auditor", PASSWORD);
        ConsoleSession clerk = new ConsoleSession(port);
        clerk.signIn("clerk-a", PASSWORD);

        assertThat(auditor.get("/console/my-work").statusCode()).isEqualTo(403);
        assertThat(auditor.get("/console").headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/console/audit"));
        assertThat(clerk.get("/console").headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/console/my-work"));
        assertThat(clerk.get("/console/dashboard").statusCode()).isEqualTo(403);
        assertThat(clerk.get("/console/no-such-screen").statusCode()).isEqualTo(403);
    }

    @Test
    void keepsTheApiStateless_whenASessionCookieIsSent() {
        ConsoleSession session = new ConsoleSession(port);
        session.signIn("clerk-a", PASSWORD);
        HttpHeaders cookieOnly = new HttpHeaders();
        cookieOnly.add(HttpHeaders.COOKIE, session.cookie());
        HttpHeaders basic = new HttpHeaders();
        basic.setBasicAuth("clerk-a", PASSWORD);

        ResponseEntity<String> withCookie = rest.exchange("/api/v1/queues", HttpMethod.GET,
                new HttpEntity<>(cookieOnly), String.class);
        ResponseEntity<String> withBasic = rest.exchange("/api/v1/queues", HttpMethod.GET,
                new HttpEntity<>(basic), String.class);

        assertThat(withCookie.getStatusCode().value()).isEqualTo(401);
        assertThat(withCookie.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(withBasic.getStatusCode().value()).isEqualTo(200);
        assertThat(withBasic.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
    }
}
