package org.veilor.bench.enrol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.veilor.testsupport.misskey.FakeMisskey;
import org.veilor.testsupport.misskey.MisskeyWebhooks;

/**
 * Signups sent as Misskey sends them (one userCreated webhook each, retried on 5xx), from a few
 * threads at once; records when each was sent and how the webhook answered.
 */
final class SignupLoad {

    /** One signup: the user, when its webhook went out (ms), the answers. */
    record Sent(FakeMisskey.User user, long sentAt, List<Integer> statuses) {
    }

    private SignupLoad() {
    }

    static List<Sent> send(FakeMisskey misskey, MisskeyWebhooks webhooks, String prefix, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Map<Integer, Sent> sent = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            jobs.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    FakeMisskey.User u = misskey.addUser(prefix + i);
                    long at = System.currentTimeMillis();
                    MisskeyWebhooks.Delivery d = webhooks.deliver(u, java.util.UUID.randomUUID().toString());
                    sent.put(i, new Sent(u, at, d.statuses()));
                }
                return null;
            }));
        }
        for (Future<?> f : jobs) {
            f.get();
        }
        pool.shutdown();
        List<Sent> out = new ArrayList<>();
        Map<Integer, Integer> refused = new java.util.TreeMap<>();
        for (int i = 0; i < count; i++) {
            Sent s = sent.get(i);
            out.add(s);
            int last = s.statuses().get(s.statuses().size() - 1);
            if (last / 100 != 2) {
                refused.merge(last, 1, Integer::sum);
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException("webhook deliveries that did not end in 2xx, by last status: " + refused);
        }
        return out;
    }
}
