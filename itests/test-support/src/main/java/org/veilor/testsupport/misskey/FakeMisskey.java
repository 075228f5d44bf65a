package org.veilor.testsupport.misskey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import org.veilor.testsupport.FakeHttpServer;

/**
 * A fake Misskey API. It stands in for a real Misskey, which cannot run here (it needs Node.js,
 * PostgreSQL and Redis and its own build): the routes, fields and errors come from the documented
 * shapes (image-kickstart-seed-enrol.md §4; Misskey's API reference for {@code i},
 * {@code users/show} and {@code users/notes}), not from Misskey's code.
 *
 * <ul>
 * <li>{@code POST /api/notes/create} — {@code {visibility, visibleUserIds, text}} → {@code
 * {"createdNote": Note}}; a {@code specified} note reaches only {@code visibleUserIds};</li>
 * <li>{@code POST /api/i}, {@code POST /api/users/show {username, host}}, {@code POST
 * /api/users/notes {userId, limit, untilId}} (newest first);</li>
 * <li>auth: {@code Authorization: Bearer <token>} or the body field {@code i}; else 401;</li>
 * <li>errors: {@code {"error": {"message", "code", "id", "kind"}}}; faults: a rate limit (429),
 * {@link #unavailable} (502 from the proxy in front),
 * {@link #failNextAfterActing} (the note is made, then 500), and those of {@link FakeHttpServer}
 * (an error instead of an answer, an answer lost after acting, a delay).</li>
 * </ul>
 */
public final class FakeMisskey extends FakeHttpServer {

    /** A local account. */
    public record User(String id, String username) {
    }

    /** A note as stored. */
    public record Note(String id, String userId, String text, String visibility, List<String> visibleUserIds, Instant createdAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final long EPOCH_2000 = 946684800000L;

    private final String token;
    private final User self;
    private final List<User> users = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicBoolean unavailable = new AtomicBoolean();
    private final AtomicInteger failAfterActing = new AtomicInteger();
    private final Deque<Long> recentCreates = new ArrayDeque<>();
    private volatile int rateLimit;
    private volatile Duration rateWindow = Duration.ofHours(1);

    /**
     * @param token the access token it accepts (of the account named {@code accountName})
     */
    public FakeMisskey(String token, String accountName) throws IOException {
        super(16);
        this.token = token;
        this.self = addUser(accountName);
        route("POST", "/api/(.+)", this::api);
    }

    /** The base URL as Misskey's config url (with scheme, no trailing slash). */
    public String serverUrl() {
        return url().toString();
    }

    /** The account whose token the fake accepts. */
    public User self() {
        return self;
    }

    /** A new local user, as a signup makes one. */
    public synchronized User addUser(String username) {
        User u = new User(newId(), username);
        users.add(u);
        return u;
    }

    /** Only {@code max} notes per window are accepted; then 429 (Misskey's per-endpoint rate limit; notes/create: 300/hour). */
    public void rateLimit(int max, Duration window) {
        this.rateLimit = max;
        this.rateWindow = window;
    }

    /** A reverse proxy in front answers 502 while Misskey is down. */
    public void unavailable(boolean down) {
        unavailable.set(down);
    }

    /** The next {@code n} notes are made, then answered with 500. */
    public void failNextAfterActing(int n) {
        failAfterActing.set(n);
    }

    public synchronized List<Note> notes() {
        return List.copyOf(notes);
    }

    /** The specified notes that reached a user. */
    public synchronized List<Note> dmsTo(String userId) {
        return notes.stream().filter(n -> n.visibility().equals("specified") && n.visibleUserIds().contains(userId)).toList();
    }

    private Response api(Request r, Matcher path) throws IOException {
        if (unavailable.get()) {
            return new Response(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes());
        }
        JsonNode body = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        String auth = r.header("Authorization");
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : body.path("i").asText(null);
        if (given == null) {
            return error(401, "CREDENTIAL_REQUIRED", "Credential required.", "1384574d-a912-4b81-8601-c7b1c4085df1");
        }
        if (!given.equals(token)) {
            return error(401, "AUTHENTICATION_FAILED", "Authentication failed. Please ensure your token is correct.",
                    "b0a7f5f8-dc2f-4171-b91f-de88ad238e14");
        }
        synchronized (this) {
            return switch (path.group(1)) {
                case "notes/create" -> createNote(body);
                case "i" -> Response.json(200, user(self).toString());
                case "users/show" -> showUser(body);
                case "users/notes" -> userNotes(body);
                default -> error(400, "NO_SUCH_ENDPOINT", "No such endpoint.", "dd5f34e8-e7d5-4a6f-9bfe-15d8ff6f1a8a");
            };
        }
    }

    private Response createNote(JsonNode b) {
        long now = System.currentTimeMillis();
        if (rateLimit > 0) {
            while (!recentCreates.isEmpty() && recentCreates.peekFirst() < now - rateWindow.toMillis()) {
                recentCreates.removeFirst();
            }
            if (recentCreates.size() >= rateLimit) {
                return error(429, "RATE_LIMIT_EXCEEDED", "Rate limit exceeded. Please try again later.", "d5826d14-3982-4d2e-8011-b9e9f02499ef");
            }
            recentCreates.addLast(now);
        }
        String visibility = b.path("visibility").asText("public");
        if (!List.of("public", "home", "followers", "specified").contains(visibility)) {
            return error(400, "INVALID_PARAM", "Invalid param.", "3d81ceae-475f-4600-b2a8-2bc116157532");
        }
        String text = b.path("text").asText("");
        if (text.isEmpty() || text.length() > 3000) {
            return error(400, "INVALID_PARAM", "Invalid param.", "3d81ceae-475f-4600-b2a8-2bc116157532");
        }
        List<String> visible = new ArrayList<>();
        b.path("visibleUserIds").forEach(v -> visible.add(v.asText()));
        Note n = new Note(newId(), self.id(), text, visibility, visible, Instant.ofEpochMilli(now));
        notes.add(n);
        if (failAfterActing.getAndUpdate(x -> Math.max(0, x - 1)) > 0) {
            return error(500, "INTERNAL_ERROR", "Internal error occurred. Please contact us if the error persists.",
                    "5d37dbcb-891e-41ca-a3d6-e690c97775ac");
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("createdNote", note(n));
        return Response.json(200, out.toString());
    }

    private Response showUser(JsonNode b) {
        String name = b.path("username").asText("");
        Optional<User> u = users.stream().filter(x -> x.username().equalsIgnoreCase(name)).findFirst();
        if (u.isEmpty() || (b.hasNonNull("host") && !b.get("host").asText().isEmpty())) {
            return error(400, "NO_SUCH_USER", "No such user.", "4362f8dc-731f-4ad8-a694-be5a88922a24");
        }
        return Response.json(200, user(u.get()).toString());
    }

    private Response userNotes(JsonNode b) {
        String userId = b.path("userId").asText("");
        int limit = Math.max(1, Math.min(100, b.path("limit").asInt(10)));
        String untilId = b.path("untilId").asText(null);
        ArrayNode out = JSON.createArrayNode();
        // newest first; a specified note is visible to its author (the caller here) and its recipients
        for (int i = notes.size() - 1; i >= 0 && out.size() < limit; i--) {
            Note n = notes.get(i);
            if (n.userId().equals(userId) && (untilId == null || n.id().compareTo(untilId) < 0)) {
                out.add(note(n));
            }
        }
        return Response.json(200, out.toString());
    }

    private ObjectNode note(Note n) {
        ObjectNode o = JSON.createObjectNode().put("id", n.id()).put("createdAt", n.createdAt().toString()).put("userId", n.userId());
        o.set("user", user(self));
        o.put("text", n.text()).putNull("cw").put("visibility", n.visibility()).put("localOnly", false).put("renoteCount", 0)
                .put("repliesCount", 0);
        ArrayNode v = o.putArray("visibleUserIds");
        n.visibleUserIds().forEach(v::add);
        o.putArray("mentions");
        o.putArray("fileIds");
        return o;
    }

    /** A UserLite. */
    public static ObjectNode user(User u) {
        ObjectNode o = JSON.createObjectNode().put("id", u.id()).putNull("name").put("username", u.username()).putNull("host")
                .putNull("avatarUrl").putNull("avatarBlurhash");
        o.putArray("avatarDecorations");
        o.put("isBot", false).put("isCat", false);
        o.putObject("emojis");
        o.put("onlineStatus", "unknown");
        o.putArray("badgeRoles");
        return o;
    }

    private static Response error(int status, String code, String message, String id) {
        ObjectNode o = JSON.createObjectNode();
        o.putObject("error").put("message", message).put("code", code).put("id", id).put("kind", status >= 500 ? "server" : "client");
        return Response.json(status, o.toString());
    }

    /** Misskey's aidx-like IDs: time in base 36 (8 characters), a counter, random; later IDs sort after earlier ones. */
    private String newId() {
        long t = System.currentTimeMillis() - EPOCH_2000;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.insert(0, ALPHABET.charAt((int) (t % 36)));
            t /= 36;
        }
        String seq = Integer.toString(counter.incrementAndGet() % (36 * 36 * 36 * 36), 36);
        sb.append("0000", 0, 4 - seq.length()).append(seq);
        for (int i = 0; i < 4; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(36)));
        }
        return sb.toString();
    }
}
