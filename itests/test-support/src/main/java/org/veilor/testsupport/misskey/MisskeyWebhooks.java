package org.veilor.testsupport.misskey;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Misskey's system webhook sender, as documented (image-kickstart-seed-enrol.md §4.1): {@code POST}
 * with {@code User-Agent: Misskey-Hooks}, {@code X-Misskey-Host}, {@code X-Misskey-Hook-Id},
 * {@code X-Misskey-Hook-Secret} (plain text) and a JSON body {@code {server, hookId, eventId,
 * createdAt, type, body}}; a delivery job is tried up to 4 times with the same eventId, a 4xx ends
 * it, a 5xx or a network error is retried. The wait between tries is short here (Misskey's own
 * backoff is minutes) so tests stay quick.
 */
public final class MisskeyWebhooks {

    /** One delivery job: its eventId and the status of each try (-1: no answer). */
    public record Delivery(String eventId, List<Integer> statuses) {
        public int lastStatus() {
            return statuses.get(statuses.size() - 1);
        }
    }

    /** A raw answer. */
    public record Answer(int status, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRIES = 4;

    private final FakeMisskey misskey;
    private final URI webhook;
    private final String hookId = "9z" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private volatile String secret;
    private volatile Duration retryWait = Duration.ofMillis(200);

    public MisskeyWebhooks(FakeMisskey misskey, URI webhook, String secret) {
        this.misskey = misskey;
        this.webhook = webhook;
        this.secret = secret;
    }

    /** The secret configured in Misskey's webhook (changed by an administrator). */
    public void secret(String newSecret) {
        this.secret = newSecret;
    }

    public void retryWait(Duration wait) {
        this.retryWait = wait;
    }

    /** Signs up a new user and delivers its {@code userCreated} event. */
    public Delivery signup(String username) throws IOException, InterruptedException {
        return deliver(misskey.addUser(username), UUID.randomUUID().toString());
    }

    /** Delivers a {@code userCreated} event for a user with a given eventId (the same eventId again: a repeated delivery). */
    public Delivery deliver(FakeMisskey.User user, String eventId) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(event("userCreated", eventId, FakeMisskey.user(user)));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            int status;
            try {
                status = post(headers(), body).status();
            } catch (IOException e) {
                status = -1;
            }
            statuses.add(status);
            if (status >= 200 && status < 500 && status != -1) {
                break; // 2xx done; 4xx unrecoverable
            }
            Thread.sleep(retryWait.toMillis());
        }
        return new Delivery(eventId, statuses);
    }

    /** The documented body of an event. */
    public ObjectNode event(String type, String eventId, Object body) {
        ObjectNode o = JSON.createObjectNode().put("server", misskey.serverUrl()).put("hookId", hookId).put("eventId", eventId)
                .put("createdAt", System.currentTimeMillis()).put("type", type);
        o.set("body", JSON.valueToTree(body));
        return o;
    }

    /** The documented headers, with the current secret. */
    public Map<String, String> headers() {
        return Map.of("User-Agent", "Misskey-Hooks", "X-Misskey-Host", misskey.url().getAuthority(), "X-Misskey-Hook-Id", hookId,
                "X-Misskey-Hook-Secret", secret, "Content-Type", "application/json");
    }

    /** One raw POST to the webhook (for bad input), without retries. */
    public Answer post(Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body());
    }
}
