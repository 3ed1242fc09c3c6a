package org.mincard.application.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real browser (Debian's headless Chromium): each role's main journey end to end, with axe-core
 * and the content security policy checked on every screen on the way (see {@link Browser}).
 */
// A context (and so an embedded database) of its own: in the full suite the shared context holds over a thousand
// unassigned intake cases from other tests, and the clerk's My work page, oldest first, never reached the new case.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mincard.test.isolated-context=console-browser")
class ConsoleBrowserIT {

    static final String PASSWORD = "test-password";
    static final String SITE_A = "a0000000-0000-4000-8000-00000000000a";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate rest;

    Browser browser;

    @BeforeAll
    static void chromiumIsInstalled() {
        if (Browser.installation().isEmpty()) {
            String message = "Chromium is not installed (looked for " + Browser.CHROMIUM + " and " + Browser.DRIVER
                    + "): install Debian's chromium and chromium-driver (.ci/run does) to run the console's browser "
                    + "tests";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void clerkTakesACaseFromIntakeToHandOver() {
        UUID caseId = submit("Ana Browser-Test");
        browser.go("/console/login");
        browser.check("sign-in");
        browser.signIn("clerk-a", PASSWORD);
        String shortId = caseId.toString().substring(0, 8);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            browser.go("/console/my-work");
            return browser.driver.getPageSource().contains(shortId);
        });
        browser.check("my-work");

        browser.find(By.xpath("//table[@id='unassigned']//tr[td/a[contains(@href,'" + caseId + "')]]//button"))
                .click();
        browser.waitFor(By.id("case-state"), "Submitted");
        assertThat(browser.driver.getPageSource()).contains("Clerk A (clerk-a)");
        browser.check("case-intake");
        clickButton("Check in");
        browser.waitFor(By.id("case-state"), "Checked in");

        browser.find(By.id("doc-US_PASSPORT")).click();
        browser.waitFor(By.id("tally"), "total 3");
        browser.find(By.id("doc-UTILITY_BILL")).click();
        browser.waitFor(By.id("tally"), "the points rule is met");
        browser.check("case-document-review");
        clickButton("Record document review");
        browser.waitFor(By.id("case-state"), "Under review");

        new Select(browser.find(By.id("field"))).selectByValue("CARD_RECORD");
        new Select(browser.find(By.id("purpose"))).selectByValue("CASE_WORK");
        clickButton("Show");
        browser.waitFor(By.id("revealed"), "Ana Browser-Test");
        browser.check("case-personal-data");

        clickButton("Approve");
        browser.waitFor(By.id("case-state"), "Approved");
        clickButton("Produce card");
        browser.waitFor(By.id("case-state"), "Card produced");
        clickButton("Hand over the card");
        browser.waitFor(By.id("case-state"), "Handed over");
        browser.check("case-handed-over");
        assertThat(browser.find(By.id("timeline")).getText()).contains("CardHandedOver").contains("Clerk A (clerk-a)");

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            new Select(browser.find(By.id("field"))).selectByValue("CARD_NUMBER");
            new Select(browser.find(By.id("purpose"))).selectByValue("CASE_WORK");
            clickButton("Show");
            return !browser.driver.findElements(By.cssSelector("#revealed dd")).isEmpty();
        });
        String cardNumber = browser.find(By.cssSelector("#revealed dd")).getText();
        browser.go("/console/cards");
        browser.find(By.id("cardNumber")).sendKeys(cardNumber);
        clickButton("Look up");
        browser.waitFor(By.id("card"), "Active");
        assertThat(browser.driver.getCurrentUrl()).doesNotContain(cardNumber);
        browser.check("card-lookup");
    }

    @Test
    void supervisorRebalancesAQueue() {
        UUID first = submit("Rebalance One");
        UUID second = submit("Rebalance Two");
        browser.signIn("supervisor", PASSWORD);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            browser.go("/console/dashboard?queue=intake");
            return browser.driver.getPageSource().contains(first.toString())
                    && browser.driver.getPageSource().contains(second.toString());
        });
        assertThat(browser.find(By.id("workload")).getText()).contains("Clerk A (clerk-a)");
        browser.check("dashboard");

        browser.find(By.id("pick-" + first)).click();
        browser.find(By.id("pick-" + second)).click();
        Select clerks = new Select(browser.find(By.id("clerkId")));
        clerks.getOptions().stream().filter(option -> option.getText().startsWith("Clerk A (clerk-a)")).findFirst()
                .orElseThrow().click();
        clickButton("Assign");

        browser.waitFor(By.cssSelector(".usa-alert--success"), "Assigned 2 cases to Clerk A (clerk-a)");
        String queue = browser.find(By.id("assign-cases")).getText();
        assertThat(queue).contains("Clerk A (clerk-a)");
        browser.check("dashboard-assigned");
    }

    @Test
    void recordsOfficerRunsASweep() {
        browser.signIn("records-officer", PASSWORD);
        browser.find(By.id("holds"));
        browser.check("records");

        clickButton("Run a sweep now");

        browser.waitFor(By.id("sweep-progress"), "Completed");
        String sweepId = browser.find(By.cssSelector("#sweep-progress dd")).getText();
        browser.check("records-sweep");
        browser.go("/console/records");
        assertThat(browser.find(By.id("manifests")).getText()).contains(sweepId);
    }

    @Test
    void recordsOfficerReadsTheForecast_andPlacesAndReleasesAHold() {
        UUID caseId = submit("Hold Harmless");
        browser.signIn("records-officer", PASSWORD);
        assertThat(browser.find(By.id("forecast")).getText()).contains("Total");
        scrollTo(By.id("forecast-heading"));
        browser.check("records-forecast");

        browser.find(By.id("hold-case-ids")).sendKeys(caseId.toString());
        new Select(browser.find(By.id("hold-reason"))).selectByValue("SUBPOENA_OR_WARRANT");
        browser.find(By.id("hold-authority")).sendKeys("SUBP-2030-118");
        clickButton("Place the hold");

        browser.waitFor(By.cssSelector(".usa-alert--success"), "Legal hold placed");
        assertThat(browser.find(By.id("holds")).getText()).contains("1 cases", "SUBPOENA_OR_WARRANT", "SUBP-2030-118",
                "in force");
        scrollTo(By.id("holds-heading"));
        browser.check("records-holds");

        browser.find(By.cssSelector("#holds input[name=authority]")).sendKeys("SUBP-2030-119");
        browser.find(By.cssSelector("#holds button[type=submit]")).click();

        browser.waitFor(By.cssSelector(".usa-alert--success"), "released");
        assertThat(browser.find(By.id("holds")).getText()).contains("SUBP-2030-119");
    }

    private void scrollTo(By by) {
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView(true);", browser.find(by));
    }

    @Test
    void auditorReadsTheAccessLogAndTheAnnualReport() {
        UUID caseId = submit("Audit Trail");
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("clerk-a", PASSWORD);
        headers.add("X-Access-Purpose", "CASE_WORK");
        await().atMost(Duration.ofSeconds(20)).until(() -> rest.exchange("/api/v1/cases/" + caseId + "/personal-data",
                HttpMethod.GET, new HttpEntity<>(headers), String.class).getStatusCode().value() == 200);
        browser.signIn("auditor", PASSWORD);

        String log = browser.find(By.id("access-log")).getText();
        assertThat(log).contains("Clerk A (clerk-a)").contains("CASE_WORK").doesNotContain("Audit Trail");
        assertThat(browser.find(By.id("chain-status")).getText()).isNotBlank();
        browser.check("audit");

        browser.find(By.partialLinkText("Annual report")).click();
        browser.waitFor(By.tagName("h1"), "Transparency report");
        assertThat(browser.driver.getPageSource()).doesNotContain("Audit Trail");
        browser.check("annual-report");
    }

    @Test
    void clerkSearchesAQueueByName_andSeesNamesOnlyForAPurpose() {
        UUID caseId = submit("Quentin Queuesearch");
        browser.signIn("clerk-a", PASSWORD);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            browser.go("/console/queues/intake?q=Queuesearch");
            return browser.driver.getPageSource().contains(caseId.toString());
        });
        assertThat(browser.find(By.id("queue-items")).getText()).doesNotContain("Quentin");

        new Select(browser.find(By.id("purpose"))).selectByValue("CASE_WORK");
        clickButton("Apply");

        browser.waitFor(By.id("queue-items"), "Quentin Queuesearch");
        browser.check("queue");
    }

    private void clickButton(String label) {
        browser.find(By.xpath("//button[normalize-space()='" + label + "']")).click();
    }

    private UUID submit(String legalName) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("clerk-a", PASSWORD);
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map> created = rest.exchange("/api/v1/cases", HttpMethod.POST, new HttpEntity<>(Map.of(
                "type", "NEW", "siteId", SITE_A,
                "applicant", Map.of("legalName", legalName, "dateOfBirth", "1990-04-01")), headers), Map.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        return UUID.fromString((String) created.getBody().get("caseId"));
    }
}
