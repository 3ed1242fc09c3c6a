package org.mincard.application.workqueue;

import org.junit.jupiter.api.Test;
import org.mincard.projections.workqueue.WorkQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WorkQueueIT extends QueueItSupport {

    @Autowired
    QueueMetrics metrics;

    @Test
    void caseMovesToTheQueueOfEachStateAndLeavesWhenClosed() {
        UUID caseId = submit("clerk-a", SITE_A, "Queue Walker");
        awaitQueue(caseId, "INTAKE");
        act("clerk-a", caseId, "check-in");
        awaitQueue(caseId, "DOCUMENT_REVIEW");
        awaitCaseState(caseId, "CHECKED_IN");
        act("clerk-a", caseId, "review", review("UTILITY_BILL"));
        awaitQueue(caseId, "DOCUMENT_REVIEW");
        act("clerk-a", caseId, "escalate", Map.of("reason", "OTHER"));
        awaitQueue(caseId, "SUPERVISOR_REVIEW");
        act("supervisor", caseId, "return-from-escalation");
        awaitQueue(caseId, "DOCUMENT_REVIEW");
        act("clerk-a", caseId, "deny", Map.of("reason", "INSUFFICIENT_DOCUMENTS"));
        awaitQueue(caseId, "");
        act("clerk-a", caseId, "appeal");
        awaitQueue(caseId, "APPEALS");
        act("supervisor", caseId, "decide-appeal", Map.of("granted", true));
        awaitQueue(caseId, "PRODUCTION");
        awaitCaseState(caseId, "APPROVED");
        act("clerk-a", caseId, "produce-card");
        awaitQueue(caseId, "ISSUANCE");
        act("clerk-a", caseId, "mail");
        awaitQueue(caseId, "IN_THE_MAIL");
        act("clerk-a", caseId, "mark-returned");
        awaitQueue(caseId, "PICKUP");

        List<Map<String, Object>> pickup = items(get("clerk-a", "/api/v1/queues/pickup?q=" + caseId));
        act("clerk-a", caseId, "hand-over");

        assertThat(pickup).singleElement().satisfies(item -> assertThat(item)
                .containsEntry("caseId", caseId.toString()).containsEntry("queue", "pickup")
                .containsEntry("state", "RETURNED").containsEntry("siteId", SITE_A.toString())
                .containsEntry("type", "NEW").containsEntry("priority", "NORMAL").doesNotContainKey("applicant"));
        awaitQueue(caseId, "");
        assertThat(items(get("clerk-a", "/api/v1/queues/pickup?q=" + caseId))).isEmpty();
    }

    @Test
    void sideExitsAndUpheldAppealsLeaveTheQueues() {
        UUID noShow = submit("clerk-a", SITE_A, "Side One");
        UUID cancelled = submit("clerk-a", SITE_A, "Side Two");
        UUID upheld = submit("clerk-a", SITE_A, "Side Three");
        act("clerk-a", cancelled, "check-in");
        act("clerk-a", upheld, "check-in");
        awaitCaseState(upheld, "CHECKED_IN");
        act("clerk-a", upheld, "review", review("UTILITY_BILL"));
        act("clerk-a", upheld, "deny", Map.of("reason", "RESIDENCY_NOT_SHOWN"));
        act("clerk-a", upheld, "appeal");
        awaitQueue(upheld, "APPEALS");
        UUID abandoned = approvedCase("Side Four");
        act("clerk-a", abandoned, "produce-card");
        awaitQueue(abandoned, "ISSUANCE");

        act("clerk-a", noShow, "mark-no-show");
        act("clerk-a", cancelled, "cancel", Map.of("reason", "ENTERED_IN_ERROR"));
        act("supervisor", upheld, "decide-appeal", Map.of("granted", false));
        act("clerk-a", abandoned, "abandon");

        awaitQueue(noShow, "");
        awaitQueue(cancelled, "");
        awaitQueue(upheld, "");
        awaitQueue(abandoned, "");
    }

    @Test
    void mailedCardThatIsDeliveredLeavesTheQueues() {
        UUID caseId = approvedCase("Del Ivery");
        act("clerk-a", caseId, "produce-card");
        act("clerk-a", caseId, "mail");
        awaitQueue(caseId, "IN_THE_MAIL");

        act("clerk-a", caseId, "confirm-delivery");

        awaitQueue(caseId, "");
    }

    @Test
    void clerkClaimsAndReleases_andOtherClerksAreKeptOut() {
        UUID caseId = submit("clerk-a", SITE_A, "Claim Able");

        Map<String, Object> claimed = act("clerk-a", caseId, "claim");
        ResponseEntity<Map<String, Object>> otherClerkClaims = post("test-clerk", "/api/v1/cases/" + caseId + "/claim", Map.of());
        ResponseEntity<Map<String, Object>> otherClerkChecksIn = post("test-clerk", "/api/v1/cases/" + caseId + "/check-in", Map.of());
        ResponseEntity<Map<String, Object>> otherSiteClaims = post("clerk-b", "/api/v1/cases/" + caseId + "/claim", Map.of());
        ResponseEntity<Map<String, Object>> clerkAssigns = post("clerk-a", "/api/v1/cases/" + caseId + "/assign",
                Map.of("clerkId", TEST_CLERK_ID));
        ResponseEntity<Map<String, Object>> clerkRaisesPriority = post("clerk-a", "/api/v1/cases/" + caseId + "/priority",
                Map.of("priority", "URGENT"));
        Map<String, Object> released = act("clerk-a", caseId, "release");

        assertThat(claimed).containsEntry("assignee", CLERK_A_ID).containsEntry("priority", "NORMAL");
        assertThat(otherClerkClaims.getStatusCode().value()).isEqualTo(409);
        assertThat(otherClerkClaims.getBody()).containsEntry("code", "assigned-to-another-clerk");
        assertThat(otherClerkChecksIn.getStatusCode().value()).isEqualTo(409);
        assertThat(otherSiteClaims.getStatusCode().value()).isEqualTo(404);
        assertThat(clerkAssigns.getStatusCode().value()).isEqualTo(403);
        assertThat(clerkRaisesPriority.getStatusCode().value()).isEqualTo(403);
        assertThat(released).doesNotContainKey("assignee");
        awaitAssignee(caseId, "");
    }

    @Test
    void supervisorAssignsReassignsAndSetsPriority_andTheQueueShowsIt() {
        UUID caseId = submit("clerk-a", SITE_A, "Sue Pervised");
        act("clerk-a", caseId, "claim");

        act("supervisor", caseId, "assign", Map.of("clerkId", TEST_CLERK_ID));
        ResponseEntity<Map<String, Object>> formerHolderReleases = post("clerk-a", "/api/v1/cases/" + caseId + "/release", Map.of());
        Map<String, Object> urgent = act("supervisor", caseId, "priority", Map.of("priority", "URGENT"));
        ResponseEntity<Map<String, Object>> otherSiteCase = post("supervisor", "/api/v1/cases/" + UUID.randomUUID()
                + "/assign", Map.of("clerkId", TEST_CLERK_ID));
        ResponseEntity<Map<String, Object>> emailAsClerkId = post("supervisor", "/api/v1/cases/" + caseId + "/assign",
                Map.of("clerkId", "someone@example.org"));

        assertThat(formerHolderReleases.getStatusCode().value()).isEqualTo(409);
        assertThat(urgent).containsEntry("assignee", TEST_CLERK_ID).containsEntry("priority", "URGENT");
        assertThat(otherSiteCase.getStatusCode().value()).isEqualTo(404);
        assertThat(emailAsClerkId.getStatusCode().value()).isEqualTo(400);
        assertThat(emailAsClerkId.getBody().toString()).doesNotContain("someone@example.org");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                items(get("test-clerk", "/api/v1/queues/intake?assignee=me")))
                .anySatisfy(item -> assertThat(item).containsEntry("caseId", caseId.toString())
                        .containsEntry("priority", "URGENT").containsEntry("assignee", TEST_CLERK_ID)));
        assertThat(items(get("test-clerk", "/api/v1/queues/intake?assignee=me")).get(0))
                .as("urgent first").containsEntry("priority", "URGENT");
    }

    @Test
    void supervisorMovesAnAbsentClerksCasesToOthers_balancingTheirLoad() {
        String absent = "absent-" + UUID.randomUUID().toString().substring(0, 8);
        String receiverOne = "cover-1-" + absent;
        String receiverTwo = "cover-2-" + absent;
        List<UUID> cases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID caseId = submit("clerk-a", SITE_A, "Cover Case");
            act("supervisor", caseId, "assign", Map.of("clerkId", absent));
            cases.add(caseId);
        }
        cases.forEach(caseId -> awaitAssignee(caseId, absent));

        ResponseEntity<Map<String, Object>> moved = post("supervisor", "/api/v1/queues/reassignments",
                Map.of("fromClerkId", absent, "toClerkIds", List.of(receiverOne, receiverTwo)));
        ResponseEntity<Map<String, Object>> byClerk = post("clerk-a", "/api/v1/queues/reassignments",
                Map.of("fromClerkId", absent, "toClerkIds", List.of(receiverOne)));

        assertThat(moved.getStatusCode().value()).as("%s", moved.getBody()).isEqualTo(200);
        assertThat(moved.getBody()).containsEntry("found", 4).containsEntry("moved", 4).containsEntry("skipped", 0)
                .containsEntry("movedTo", Map.of(receiverOne, 2, receiverTwo, 2));
        assertThat(byClerk.getStatusCode().value()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM read_model.work_queue_item WHERE assignee = ?", Long.class, absent)).isZero());
    }

    @Test
    void filtersByAssigneeTypeOverdueAndSite() {
        UUID mine = submit("clerk-a", SITE_A, "Filter Mine");
        act("clerk-a", mine, "claim");
        UUID free = submit("clerk-a", SITE_A, "Filter Free");
        UUID otherSite = submit("clerk-b", SITE_B, "Filter Other");
        awaitAssignee(mine, CLERK_A_ID);
        awaitQueue(free, "INTAKE");
        awaitQueue(otherSite, "INTAKE");

        Set<String> myCases = caseIds(get("clerk-a", "/api/v1/queues/intake?assignee=me&limit=200"));
        Set<String> unassigned = caseIds(get("clerk-a", "/api/v1/queues/intake?assignee=unassigned&limit=200"));
        Set<String> newCases = caseIds(get("clerk-a", "/api/v1/queues/intake?type=NEW&limit=200"));
        Set<String> renewals = caseIds(get("clerk-a", "/api/v1/queues/intake?type=RENEWAL&limit=200"));
        Set<String> seenByClerkA = caseIds(get("clerk-a", "/api/v1/queues/intake?limit=200"));
        ResponseEntity<Map<String, Object>> otherSiteAsked = get("clerk-a", "/api/v1/queues/intake?site=" + SITE_B);
        Set<String> siteB = caseIds(get("supervisor", "/api/v1/queues/intake?site=" + SITE_B + "&limit=200"));
        Set<String> overdueNow = caseIds(get("clerk-a", "/api/v1/queues/intake?overdue=true&limit=200"));
        clock.advance(Duration.ofMinutes(91));
        Set<String> overdueLater = caseIds(get("clerk-a", "/api/v1/queues/intake?overdue=true&limit=200"));
        Set<String> notOverdueLater = caseIds(get("clerk-a", "/api/v1/queues/intake?overdue=false&limit=200"));

        assertThat(myCases).contains(mine.toString()).doesNotContain(free.toString());
        assertThat(unassigned).contains(free.toString()).doesNotContain(mine.toString());
        assertThat(newCases).contains(mine.toString(), free.toString());
        assertThat(renewals).doesNotContain(mine.toString(), free.toString());
        assertThat(seenByClerkA).contains(mine.toString(), free.toString()).doesNotContain(otherSite.toString());
        assertThat(otherSiteAsked.getStatusCode().value()).isEqualTo(404);
        assertThat(siteB).contains(otherSite.toString()).doesNotContain(free.toString());
        assertThat(overdueNow).doesNotContain(mine.toString(), free.toString());
        assertThat(overdueLater).contains(mine.toString(), free.toString());
        assertThat(notOverdueLater).doesNotContain(mine.toString(), free.toString());
    }

    /** The demo users' ids, as the logs record them. */
    private static final String CLERK_A = "d0000000-0000-4000-8000-000000000001";
    private static final String CLERK_B = "d0000000-0000-4000-8000-000000000002";

    @Test
    void findsCasesByCaseIdByCardNumberAndByNameThroughTheBlindIndex_andLogsEveryPersonalDataSearch() {
        String surname = "Zyx" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "q");
        UUID named = submit("clerk-a", SITE_A, "José " + surname + "-López");
        UUID other = submit("clerk-a", SITE_A, "Ana " + surname);
        UUID withCard = approvedCase("Carda Holder");
        act("clerk-a", withCard, "produce-card");
        awaitQueue(named, "INTAKE");
        awaitQueue(other, "INTAKE");
        awaitQueue(withCard, "ISSUANCE");
        String cardNumber = cardNumberOf(withCard);
        long searchesBefore = jdbc.queryForObject("SELECT coalesce(max(search_id), 0) FROM audit.search_record",
                Long.class);

        Set<String> byName = caseIds(get("clerk-a", "/api/v1/queues/intake?q=jose " + surname.toLowerCase()));
        Set<String> bySurname = caseIds(get("clerk-a", "/api/v1/queues/intake?q=" + surname.toUpperCase()));
        Set<String> byAccentedToken = caseIds(get("clerk-a", "/api/v1/queues/intake?q=LÓPEZ " + surname));
        Set<String> byUnknownName = caseIds(get("clerk-a", "/api/v1/queues/intake?q=nobody " + surname));
        Set<String> byCaseId = caseIds(get("clerk-a", "/api/v1/queues/intake?q=" + other));
        Set<String> byCardNumber = caseIds(get("clerk-a", "/api/v1/queues/issuance?q=" + cardNumber));
        Set<String> byCardNumberOtherSite = caseIds(get("clerk-b", "/api/v1/queues/issuance?q=" + cardNumber));

        assertThat(byName).containsExactly(named.toString());
        assertThat(bySurname).containsExactlyInAnyOrder(named.toString(), other.toString());
        assertThat(byAccentedToken).containsExactly(named.toString());
        assertThat(byUnknownName).isEmpty();
        assertThat(byCaseId).containsExactly(other.toString());
        assertThat(byCardNumber).containsExactly(withCard.toString());
        assertThat(byCardNumberOtherSite).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM lookup.name_token WHERE case_id = ?", Long.class, named))
                .isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT encode(token_index, 'escape') FROM lookup.name_token", String.class))
                .noneMatch(token -> token.toLowerCase().contains(surname.toLowerCase()));
        assertThat(jdbc.queryForList("""
                SELECT actor_id || '/' || kind || '/' || queue || '/' || terms || '/' || matches
                FROM audit.search_record WHERE search_id > ? ORDER BY search_id""", String.class, searchesBefore))
                .as("the case-id search is not logged; the others are, with counts only").containsExactly(
                        CLERK_A + "/NAME/intake/2/1", CLERK_A + "/NAME/intake/1/2", CLERK_A + "/NAME/intake/2/1",
                        CLERK_A + "/NAME/intake/2/0", CLERK_A + "/CARD_NUMBER/issuance/1/1",
                        CLERK_B + "/CARD_NUMBER/issuance/1/1");
        List<Map<String, Object>> logged = items(get("auditor", "/api/v1/audit/search-records?actorId=" + CLERK_B
                + "&after=" + searchesBefore));
        assertThat(logged).singleElement().satisfies(record -> assertThat(record)
                .containsEntry("kind", "CARD_NUMBER").containsEntry("queue", "issuance").containsKey("flags"));
        assertThat(get("clerk-a", "/api/v1/audit/search-records").getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void showsNamesOnlyWithAPurpose_andLogsOneAccessPerItemShown() {
        String surname = "Pur" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "p");
        UUID first = submit("clerk-a", SITE_A, "Nia " + surname);
        UUID second = submit("clerk-a", SITE_A, "Oto " + surname);
        awaitQueue(first, "INTAKE");
        awaitQueue(second, "INTAKE");
        long before = accessRecords(first, second);
        HttpHeaders purpose = new HttpHeaders();
        purpose.set("X-Access-Purpose", "CASE_WORK");
        HttpHeaders unknownPurpose = new HttpHeaders();
        unknownPurpose.set("X-Access-Purpose", "CURIOSITY");

        List<Map<String, Object>> withoutPurpose = items(get("clerk-a", "/api/v1/queues/intake?q=" + surname));
        List<Map<String, Object>> withPurpose = items(get("clerk-a", "/api/v1/queues/intake?q=" + surname, purpose));
        ResponseEntity<Map<String, Object>> withUnknownPurpose = get("clerk-a", "/api/v1/queues/intake?q=" + surname,
                unknownPurpose);

        assertThat(withoutPurpose).hasSize(2).allSatisfy(item -> assertThat(item).doesNotContainKey("applicant"));
        assertThat(withPurpose).extracting(item -> (Object) ((Map<?, ?>) item.get("applicant")).get("legalName"))
                .containsExactlyInAnyOrder((Object) ("Nia " + surname), "Oto " + surname);
        assertThat(withUnknownPurpose.getStatusCode().value()).isEqualTo(400);
        assertThat(accessRecords(first, second) - before).isEqualTo(2);
    }

    @Test
    void pagesNeverRepeatOrSkipACaseThatStaysWhileOthersMove() {
        String holder = "pager-" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> cases = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            UUID caseId = submit("clerk-a", SITE_A, "Page Case");
            act("supervisor", caseId, "assign", Map.of("clerkId", holder));
            cases.add(caseId);
            clock.advance(Duration.ofMinutes(1));
        }
        act("supervisor", cases.get(6), "priority", Map.of("priority", "HIGH"));
        cases.forEach(caseId -> awaitAssignee(caseId, holder));
        await().atMost(Duration.ofSeconds(15)).until(() -> "HIGH".equals(items(get("supervisor",
                "/api/v1/queues/intake?assignee=" + holder)).get(0).get("priority")));

        List<String> seen = new ArrayList<>();
        List<UUID> left = new ArrayList<>();
        UUID late = null;
        String after = null;
        int pages = 0;
        do {
            ResponseEntity<Map<String, Object>> page = get("supervisor", "/api/v1/queues/intake?limit=3&assignee="
                    + holder + (after == null ? "" : "&after=" + after));
            items(page).forEach(item -> seen.add((String) item.get("caseId")));
            after = (String) page.getBody().get("next");
            if (pages == 0) {
                UUID seenAlready = UUID.fromString(seen.get(1));
                act("supervisor", seenAlready, "check-in");
                awaitQueue(seenAlready, "DOCUMENT_REVIEW");
                left.add(seenAlready);
                clock.advance(Duration.ofMinutes(1));
                late = submit("clerk-a", SITE_A, "Late Case");
                act("supervisor", late, "assign", Map.of("clerkId", holder));
                awaitAssignee(late, holder);
            }
            pages++;
        } while (after != null && pages < 10);

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.get(0)).as("priority first").isEqualTo(cases.get(6).toString());
        assertThat(seen).containsAll(cases.stream().map(UUID::toString).toList());
        assertThat(seen).contains(late.toString());
        assertThat(left).hasSize(1);
        ResponseEntity<Map<String, Object>> badCursor = get("supervisor", "/api/v1/queues/intake?after=bm90LWEtY3Vyc29y");
        assertThat(badCursor.getStatusCode().value()).isEqualTo(400);
        assertThat(get("supervisor", "/api/v1/queues/intake?limit=201").getStatusCode().value()).isEqualTo(400);
        assertThat(get("supervisor", "/api/v1/queues/no-such-queue").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void summarisesQueuesPerVisibleSite() {
        UUID caseId = submit("clerk-b", SITE_B, "Sum Mary");
        awaitQueue(caseId, "INTAKE");
        clock.advance(Duration.ofHours(2));

        List<Map<String, Object>> forClerkB = queues(get("clerk-b", "/api/v1/queues"));
        List<Map<String, Object>> forSupervisor = queues(get("supervisor", "/api/v1/queues"));

        assertThat(forClerkB).isNotEmpty().allSatisfy(row -> assertThat(row).containsEntry("siteId", SITE_B.toString()));
        assertThat(forClerkB).filteredOn(row -> "intake".equals(row.get("queue"))).singleElement()
                .satisfies(row -> {
                    assertThat(((Number) row.get("depth")).longValue()).isPositive();
                    assertThat(((Number) row.get("overdue")).longValue()).isPositive();
                    assertThat(((Number) row.get("unassigned")).longValue()).isPositive();
                    assertThat(((Number) row.get("oldestAgeSeconds")).longValue()).isGreaterThanOrEqualTo(7200);
                });
        assertThat(forSupervisor).extracting(row -> row.get("siteId")).contains(SITE_B.toString());
    }

    @Test
    void exportsGaugesPerSiteAndQueue_withIdsOnlyAsLabels() {
        UUID caseId = submit("clerk-a", SITE_A, "Gauge Watcher");
        awaitQueue(caseId, "INTAKE");
        clock.advance(Duration.ofHours(2));

        metrics.refresh();
        String scrape = rest.getForObject("/actuator/prometheus", String.class);

        assertThat(scrape).contains("mincard_queue_depth{queue=\"intake\",site=\"" + SITE_A + "\"}",
                "mincard_queue_oldest_age_seconds{queue=\"intake\",site=\"" + SITE_A + "\"}",
                "mincard_queue_overdue{queue=\"intake\",site=\"" + SITE_A + "\"}");
        assertThat(scrape).doesNotContain("Gauge Watcher", caseId.toString());
    }

    @Test
    void exportsEveryQueueOfEveryDirectorySite_atZeroWhenEmpty() {
        metrics.refresh();
        String scrape = rest.getForObject("/actuator/prometheus", String.class);

        for (UUID site : List.of(SITE_A, SITE_B)) {
            for (WorkQueue queue : WorkQueue.values()) {
                assertThat(scrape).contains("mincard_queue_depth{queue=\"" + queue.path() + "\",site=\"" + site + "\"}");
            }
        }
        assertThat(scrape).containsPattern("mincard_queue_depth\\{queue=\"pickup\",site=\"" + SITE_B + "\"} 0\\.0");
    }

    private long accessRecords(UUID... caseIds) {
        long total = 0;
        for (UUID caseId : caseIds) {
            total += jdbc.queryForObject("SELECT count(*) FROM audit.access_record WHERE case_id = ?", Long.class,
                    caseId);
        }
        return total;
    }

    private static Set<String> caseIds(ResponseEntity<Map<String, Object>> page) {
        Set<String> ids = new HashSet<>();
        items(page).forEach(item -> ids.add((String) item.get("caseId")));
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> queues(ResponseEntity<Map<String, Object>> overview) {
        assertThat(overview.getStatusCode().value()).isEqualTo(200);
        return (List<Map<String, Object>>) overview.getBody().get("queues");
    }
}
