package org.mincard.application.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 1: closed-loop HTTP clients, each working a few cases at once through a realistic mix of lifecycle
 * commands (submit with personal data, check-in, review, escalations, denials with appeals, approval, card
 * production, hand-over or mailing). Every answered command is one sample; a review or card production that finds
 * its case not yet in the read model (answered 404, the documented read-after-write lag) is tried again later and
 * counted apart.
 */
final class HttpCommandMix {

    private static final Pattern CASE_ID = Pattern.compile("\"caseId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final int CASES_PER_CLIENT = 3;

    record Result(int clients, long commands, double seconds, Latencies latencies, long notYetVisible, long errors) {

        double commandsPerSecond() {
            return commands / seconds;
        }
    }

    private record Step(String action, String body, boolean supervisor) {
    }

    /** One case being worked: its remaining steps, and its id once submitted. */
    private static final class Workflow {
        final UUID site;
        final Deque<Step> steps;
        UUID caseId;

        Workflow(UUID site, Deque<Step> steps) {
            this.site = site;
            this.steps = steps;
        }
    }

    private final URI base;
    private final BenchTokens tokens;
    private final List<UUID> sites;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    HttpCommandMix(URI base, BenchTokens tokens, List<UUID> sites) {
        this.base = base;
        this.tokens = tokens;
        this.sites = sites;
    }

    Result run(int clients, Duration warmup, Duration measure) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        ConcurrentLinkedQueue<Latencies> all = new ConcurrentLinkedQueue<>();
        AtomicLong notYetVisible = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        String supervisorToken = tokens.supervisor();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Benchmark.thread("bench-http-" + c, () -> {
                Random random = new Random(client * 31L + clients);
                Latencies latencies = new Latencies();
                all.add(latencies);
                UUID site = sites.get(client % sites.size());
                String clerkToken = tokens.clerk(site);
                List<Workflow> cases = new ArrayList<>();
                for (int i = 0; i < CASES_PER_CLIENT; i++) {
                    cases.add(workflow(site, random));
                }
                int turn = 0;
                while (System.nanoTime() < end) {
                    int slot = turn++ % CASES_PER_CLIENT;
                    Workflow workflow = cases.get(slot);
                    Step step = workflow.steps.peek();
                    long started = System.nanoTime();
                    int status;
                    String answer;
                    try {
                        HttpResponse<String> response = http.send(request(workflow, step,
                                step.supervisor() ? supervisorToken : clerkToken), HttpResponse.BodyHandlers.ofString());
                        status = response.statusCode();
                        answer = response.body();
                    } catch (IOException e) {
                        status = -1;
                        answer = "";
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long finished = System.nanoTime();
                    boolean counted = started >= measureFrom && finished <= end;
                    if (status == 200 || status == 201) {
                        if (counted) {
                            latencies.add(finished - started);
                        }
                        if (workflow.caseId == null) {
                            Matcher id = CASE_ID.matcher(answer);
                            workflow.caseId = id.find() ? UUID.fromString(id.group(1)) : null;
                        }
                        workflow.steps.poll();
                    } else if (status == 404 && workflow.caseId != null) {
                        if (counted) {
                            notYetVisible.incrementAndGet();
                        }
                        continue;
                    } else {
                        if (counted) {
                            errors.incrementAndGet();
                        }
                        if (errors.get() <= 3 && counted) {
                            System.err.println("bench: " + step.action() + " answered " + status);
                        }
                        workflow.steps.clear();
                    }
                    if (workflow.steps.isEmpty() || workflow.caseId == null) {
                        cases.set(slot, workflow(site, random));
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Latencies merged = Latencies.merge(all);
        return new Result(clients, merged.size(), measure.toNanos() / 1e9, merged, notYetVisible.get(), errors.get());
    }

    private HttpRequest request(Workflow workflow, Step step, String token) {
        String path = step.action().equals("submit") ? "/api/v1/cases"
                : "/api/v1/cases/" + workflow.caseId + "/" + step.action();
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(step.body()))
                .build();
    }

    private Workflow workflow(UUID site, Random random) {
        Deque<Step> steps = new ArrayDeque<>();
        steps.add(new Step("submit", application(site, random), false));
        int roll = random.nextInt(100);
        if (roll < 3) {
            steps.add(new Step("mark-no-show", "{}", false));
            return new Workflow(site, steps);
        }
        steps.add(new Step("check-in", "{}", false));
        if (roll < 7) {
            steps.add(new Step("withdraw", "{}", false));
            return new Workflow(site, steps);
        }
        steps.add(new Step("review", "{\"documents\":[{\"type\":\"FOREIGN_PASSPORT\"},{\"type\":\"UTILITY_BILL\"}],"
                + "\"clerkNotes\":\"seen in person\"}", false));
        if (roll < 15) {
            steps.add(new Step("escalate", "{\"reason\":\"POLICY_QUESTION\"}", false));
            steps.add(new Step("return-from-escalation", "{}", true));
        } else if (roll < 22) {
            steps.add(new Step("deny", "{\"reason\":\"RESIDENCY_NOT_SHOWN\"}", false));
            steps.add(new Step("appeal", "{}", false));
            boolean granted = roll < 18;
            steps.add(new Step("decide-appeal", "{\"granted\":" + granted + "}", true));
            if (!granted) {
                return new Workflow(site, steps);
            }
            steps.add(new Step("produce-card", "{}", false));
            steps.add(new Step("hand-over", "{}", false));
            return new Workflow(site, steps);
        }
        steps.add(new Step("approve", "{}", false));
        steps.add(new Step("produce-card", "{}", false));
        if (roll < 40) {
            steps.add(new Step("mail", "{}", false));
            steps.add(new Step("confirm-delivery", "{}", false));
        } else {
            steps.add(new Step("hand-over", "{}", false));
        }
        return new Workflow(site, steps);
    }

    private static String application(UUID site, Random random) {
        LocalDate birth = LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28));
        return "{\"type\":\"NEW\",\"siteId\":\"" + site + "\","
                + "\"applicant\":{\"legalName\":\"Http Person " + Long.toHexString(random.nextLong())
                + "\",\"dateOfBirth\":\"" + birth + "\"},"
                + "\"contact\":{\"phone\":\"+1 312 555 " + (1000 + random.nextInt(9000)) + "\"},"
                + "\"delivery\":{\"careOf\":\"Shelter One\",\"street\":\"" + (1 + random.nextInt(900))
                + " Main St\",\"city\":\"Chicago\",\"region\":\"IL\",\"postalCode\":\"60601\"}}";
    }
}
