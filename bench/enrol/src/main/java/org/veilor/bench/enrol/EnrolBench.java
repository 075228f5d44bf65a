package org.veilor.bench.enrol;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.veilor.testsupport.headscale.FakeHeadscale;
import org.veilor.testsupport.misskey.FakeMisskey;
import org.veilor.testsupport.misskey.MisskeyWebhooks;

/**
 * Benchmark (not a test) of issue 13: signups pushed at the real veilor distribution running
 * veilor-enrol, against the fake Headscale answering in 10 ms and failing 5 % of its calls (half
 * of those after acting: 500 or the answer lost) and the fake Misskey (the real servers cannot run
 * here). Prints end-to-end signups per second (first webhook sent → last DM made; target ≥ 200/s),
 * latencies, and then proves exactly one valid key per user by opening every user's page.
 *
 * <pre>java -jar veilor-bench-enrol.jar --tarball=PATH [--signups=1000] [--warmup=100] [--senders=32]
 *     [--workers=16] [--db-pool=24] [--latency-ms=10] [--fault-rate=0.05] [--after-acting=0.5] [--seed=13] [--keep=false]</pre>
 */
public final class EnrolBench {

    private static final String API_KEY = "hskey-api-BenchApiKey0-" + "b".repeat(64);
    private static final String TOKEN = "misskeyBenchToken" + "t".repeat(24);
    private static final String SECRET = "bench-webhook-secret-" + "s".repeat(20);

    private EnrolBench() {
    }

    public static void main(String[] args) throws Exception {
        // The fakes run on the JDK's HttpServer, which leaves Nagle's algorithm on: each answer on a
        // kept-alive connection then waits ~40 ms for a delayed ACK (measured here: 45 ms per call
        // instead of 2.6 ms). Real Headscale (Go) and Misskey (Node.js) set TCP_NODELAY, so the fakes
        // must too, or the benchmark measures that stall. Read once, when the HttpServer class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Map<String, String> a = new HashMap<>(Map.of("signups", "1000", "warmup", "100", "senders", "32", "workers", "16", "latency-ms",
                "10", "fault-rate", "0.05", "after-acting", "0.5", "seed", "13", "db-pool", "24"));
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --name=value, not " + arg);
            }
            a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        if (!a.containsKey("tarball")) {
            throw new IllegalArgumentException("--tarball=karaf-assembly/target/veilor-<version>.tar.gz is needed");
        }
        int signups = Integer.parseInt(a.get("signups"));
        int warmup = Integer.parseInt(a.get("warmup"));
        Path scratch = Files.createTempDirectory("veilor-bench-enrol");
        try (FakeHeadscale headscale = new FakeHeadscale("0.29.2", API_KEY, 64); FakeMisskey misskey = new FakeMisskey(TOKEN, "veilor");
                KarafInstance karaf = new KarafInstance(Path.of(a.get("tarball")), scratch)) {
            headscale.delay(Integer.parseInt(a.get("latency-ms")));
            configure(karaf, headscale, misskey, a.get("workers"), a.get("db-pool"));
            System.out.printf("starting the distribution in %s (workers %s) ...%n", scratch, a.get("workers"));
            karaf.start("-Xms256m -Xmx768m");
            karaf.awaitWebhook(java.time.Duration.ofMinutes(5), SECRET, misskey.serverUrl());
            headscale.randomFaults(Double.parseDouble(a.get("fault-rate")), Double.parseDouble(a.get("after-acting")),
                    Long.parseLong(a.get("seed")));
            MisskeyWebhooks webhooks = new MisskeyWebhooks(misskey, URI.create(karaf.baseUrl() + "/enrol/webhook"), SECRET);
            webhooks.retryWait(java.time.Duration.ofSeconds(2));
            int senders = Integer.parseInt(a.get("senders"));

            System.out.printf("warm-up: %d signups ...%n", warmup);
            List<SignupLoad.Sent> warm = SignupLoad.send(misskey, webhooks, "warm", warmup, senders);
            Results.awaitDms(misskey, warm, java.time.Duration.ofMinutes(5));

            System.out.printf("measured: %d signups from %d senders, Headscale %s ms per call, %s of calls failing (%s of those after acting) ...%n",
                    signups, senders, a.get("latency-ms"), a.get("fault-rate"), a.get("after-acting"));
            long t0 = System.currentTimeMillis();
            List<SignupLoad.Sent> sent = SignupLoad.send(misskey, webhooks, "user", signups, senders);
            long accepted = System.currentTimeMillis();
            Map<String, Long> dmAt = Results.awaitDms(misskey, sent, java.time.Duration.ofMinutes(10));
            long last = dmAt.values().stream().max(Comparator.naturalOrder()).orElse(t0);
            Thread.sleep(3000); // time for a doubled DM to show up, if there were one

            double seconds = (last - t0) / 1000.0;
            System.out.println();
            System.out.printf("end-to-end: %d signups in %.2f s = %.1f signups/s (webhook sent -> DM made; target >= 200/s)%n", signups,
                    seconds, signups / seconds);
            System.out.printf("webhooks accepted: %.1f/s (all %d answered in %.2f s)%n", signups / ((accepted - t0) / 1000.0), signups,
                    (accepted - t0) / 1000.0);
            List<Long> latencies = new ArrayList<>();
            for (SignupLoad.Sent s : sent) {
                latencies.add(dmAt.get(s.user().id()) - s.sentAt());
            }
            latencies.sort(null);
            System.out.printf("latency signup -> DM: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", pct(latencies, 50), pct(latencies, 95),
                    pct(latencies, 99), latencies.get(latencies.size() - 1));
            Map<String, Integer> statuses = new TreeMap<>();
            sent.forEach(s -> s.statuses().forEach(st -> statuses.merge(Integer.toString(st), 1, Integer::sum)));
            System.out.printf("webhook answers: %s; Headscale calls: %d, faults injected: %s%n", statuses, headscale.requests().size(),
                    headscale.randomFaultCounts());
            headscale.randomFaults(0, 0, 0);
            headscale.delay(0);

            List<SignupLoad.Sent> everyone = new ArrayList<>(warm);
            everyone.addAll(sent);
            String proof = Results.proveOneValidKeyPerUser(misskey, headscale, everyone);
            System.out.println(proof);
        } finally {
            if (Boolean.parseBoolean(a.getOrDefault("keep", "false"))) {
                System.out.println("kept " + scratch + " (its data/log/karaf.log has every step's time)");
            } else {
                Results.deleteTree(scratch);
            }
        }
    }

    private static void configure(KarafInstance k, FakeHeadscale headscale, FakeMisskey misskey, String workers, String dbPool) throws Exception {
        Path apiKey = k.secret("headscale-api.key", API_KEY);
        Path token = k.secret("enrol-misskey.token", TOKEN);
        Path secret = k.secret("enrol-webhook.secret", SECRET);
        k.put("org.veilor.headscale.cfg", Map.of("serverUrl", headscale.url().toString(), "apiKeyFile", apiKey.toString()));
        k.put("org.veilor.enrol.cfg", Map.of("misskeyUrl", misskey.serverUrl(), "misskeyTokenFile", token.toString(), "webhookSecretFile",
                secret.toString(), "atRestKeyFile", k.etc().resolve("enrol-at-rest.key").toString(), "publicUrl", k.baseUrl(), "workers",
                workers, "retryInitialSeconds", "1", "retryMaxSeconds", "4", "maxAttempts", "1000"));
        // more connections than workers: each worker, the webhook threads and the dispatcher hold one briefly
        k.put("org.veilor.core.database.cfg", Map.of("poolSize", dbPool));
        k.put("org.veilor.core.profile.cfg", Map.of("name", "bench", "features", "veilor-core, veilor-headscale, veilor-enrol"));
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
