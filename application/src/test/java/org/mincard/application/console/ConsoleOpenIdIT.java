package org.mincard.application.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Console sign-in through a real OpenID provider in Chromium: authorization code with PKCE (the provider requires
 * it), the ID token's claims name the actor by the same rules as access tokens, and its name claim is what the
 * console shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ConsoleOpenIdIT {

    static final int CONSOLE_PORT = ConsoleOpenIdProvider.freePort();
    static final ConsoleOpenIdProvider PROVIDER = new ConsoleOpenIdProvider(ConsoleOpenIdProvider.freePort(),
            CONSOLE_PORT);

    Browser browser;

    @DynamicPropertySource
    static void cityProvider(DynamicPropertyRegistry registry) {
        PROVIDER.start();
        registry.add("server.port", () -> CONSOLE_PORT);
        registry.add("mincard.security.mode", () -> "jwt");
        registry.add("mincard.security.jwt.issuer-uri", PROVIDER::issuer);
        registry.add("mincard.security.jwt.audiences", () -> "mincard-api");
        registry.add("mincard.security.jwt.role-claim", () -> "groups");
        registry.add("MINCARD_JWT_ROLE_VALUES", () -> "{\"mincard-clerk\": \"CLERK\"}");
        registry.add("spring.security.oauth2.client.registration.city.client-id", () -> ConsoleOpenIdProvider.CLIENT_ID);
        registry.add("spring.security.oauth2.client.registration.city.client-secret", () -> ConsoleOpenIdProvider.SECRET);
        registry.add("spring.security.oauth2.client.registration.city.client-name", () -> "the city");
        registry.add("spring.security.oauth2.client.registration.city.scope", () -> "openid,profile");
        registry.add("spring.security.oauth2.client.registration.city.redirect-uri",
                () -> "{baseUrl}/console/login/oauth2/code/{registrationId}");
        registry.add("spring.security.oauth2.client.provider.city.issuer-uri", PROVIDER::issuer);
    }

    @BeforeAll
    static void chromiumIsInstalled() {
        ConsoleBrowserIT.chromiumIsInstalled();
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void signsInWithTheCitysProvider_usingPkce_andShowsTheNameFromItsClaims() {
        browser = Browser.open(CONSOLE_PORT);
        browser.go("/console/login");
        assertThat(browser.driver.findElements(By.id("password"))).as("no password form in jwt mode").isEmpty();

        browser.find(By.partialLinkText("Sign in with the city")).click();
        assertThat(browser.driver.getCurrentUrl()).startsWith(PROVIDER.issuer());
        browser.find(By.id("username")).sendKeys(ConsoleOpenIdProvider.USER);
        browser.driver.findElement(By.id("password")).sendKeys(ConsoleOpenIdProvider.PASSWORD);
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();

        browser.waitFor(By.cssSelector(".whoami"), ConsoleOpenIdProvider.DISPLAY_NAME);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/my-work");
        assertThat(browser.find(By.cssSelector(".whoami")).getText()).contains("Clerk", "Northside Library");
    }
}
