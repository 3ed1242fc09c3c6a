package org.mincard.application.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Figure 4: named HTTP GET scenarios, each run by concurrent closed-loop readers for a fixed time. A scenario is a
 * name, a path chosen per request, and a bearer token; new read endpoints join by adding a scenario.
 */
final class ReadScenarios {

    /** {@code headers}: further request headers, e.g. {@code X-Access-Purpose} for a page with names. */
    record Scenario(String name, Function<Random, String> path, String token, Map<String, String> headers) {

        Scenario(String name, Function<Random, String> path, String token) {
            this(name, path, token, Map.of());
        }
    }

    record Result(String name, long requests, double seconds, Latencies latencies, long errors) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ReadScenarios(URI base) {
        this.base = base;
    }

    Result run(Scenario scenario, int readers, Duration warmup, Duration measure) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        ConcurrentLinkedQueue<Latencies> all = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            int reader = r;
            threads.add(Benchmark.thread("bench-read-" + r, () -> {
                Random random = new Random(reader * 131L);
                Latencies latencies = new Latencies();
                all.add(latencies);
                while (System.nanoTime() < end) {
                    HttpRequest request = request(scenario, scenario.path().apply(random));
                    long started = System.nanoTime();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        status = -1;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long finished = System.nanoTime();
                    if (started >= measureFrom && finished <= end) {
                        if (status == 200) {
                            latencies.add(finished - started);
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Latencies merged = Latencies.merge(all);
        return new Result(scenario.name(), merged.size(), measure.toNanos() / 1e9, merged, errors.get());
    }

    /** One request of the scenario, outside any measurement: its JSON answer, or null unless it answered 200. */
    JsonNode probe(Scenario scenario, String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request(scenario, path), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
    }

    private HttpRequest request(Scenario scenario, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", scenario.token())
                .header("Accept", "application/json");
        scenario.headers().forEach(request::header);
        return request.GET().build();
    }
}
