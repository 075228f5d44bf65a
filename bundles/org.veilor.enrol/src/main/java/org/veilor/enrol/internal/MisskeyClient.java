package org.veilor.enrol.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.enrol.internal.MisskeyException.Kind;
import org.veilor.enrol.internal.SecretFile.SecretFileException;

/**
 * The few Misskey API calls enrolment needs (image-kickstart-seed-enrol.md §4.3): a DM is a note
 * with {@code visibility: specified} and the user in {@code visibleUserIds} ({@code POST
 * /api/notes/create}, permission {@code write:notes}); the token goes in {@code Authorization:
 * Bearer}. To find a DM whose answer was lost, the account's own notes are read back ({@code i},
 * {@code users/notes}); to enrol by user name, {@code users/show}. Logs path and status only.
 */
final class MisskeyClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 20;

    private final Logger logger = LoggerFactory.getLogger(MisskeyClient.class);
    private final String baseUrl;
    private final SecretFile token;
    private final Duration timeout;
    private final HttpClient http;
    private volatile String ownId;

    MisskeyClient(String baseUrl, SecretFile token, Duration timeout) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.timeout = timeout;
        // no redirects: they would carry the token elsewhere
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends a DM; returns the note's ID. */
    String sendDm(String userId, String text) throws MisskeyException {
        ObjectNode body = JSON.createObjectNode().put("visibility", "specified").put("text", text);
        body.putArray("visibleUserIds").add(userId);
        JsonNode note = call("send the enrolment DM", "notes/create", body).path("createdNote");
        if (!note.hasNonNull("id")) {
            throw new MisskeyException(Kind.BAD_RESPONSE, "Misskey answered notes/create without createdNote.id");
        }
        return note.get("id").asText();
    }

    /**
     * Looks among this account's notes since a time for a DM to the user containing a text (the
     * page link), newest first.
     */
    Optional<String> findDm(String userId, String containing, Instant since) throws MisskeyException {
        String self = ownId();
        String untilId = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode body = JSON.createObjectNode().put("userId", self).put("limit", PAGE);
            if (untilId != null) {
                body.put("untilId", untilId);
            }
            JsonNode notes = call("look for an earlier enrolment DM", "users/notes", body);
            if (!notes.isArray() || notes.isEmpty()) {
                return Optional.empty();
            }
            for (JsonNode n : notes) {
                boolean toUser = false;
                for (JsonNode v : n.path("visibleUserIds")) {
                    toUser |= userId.equals(v.asText());
                }
                if (toUser && "specified".equals(n.path("visibility").asText()) && n.path("text").asText("").contains(containing)) {
                    return Optional.of(n.path("id").asText());
                }
                untilId = n.path("id").asText();
                if (createdAt(n).isBefore(since)) {
                    return Optional.empty();
                }
            }
            if (notes.size() < PAGE) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The ID of a local user by name, if the user exists. */
    Optional<String> userId(String username) throws MisskeyException {
        ObjectNode body = JSON.createObjectNode().put("username", username).putNull("host");
        try {
            JsonNode user = call("look up user @" + username, "users/show", body);
            return user.hasNonNull("id") ? Optional.of(user.get("id").asText()) : Optional.empty();
        } catch (MisskeyException e) {
            if (e.kind() == Kind.REJECTED && e.getMessage().contains("NO_SUCH_USER")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private String ownId() throws MisskeyException {
        String id = ownId;
        if (id == null) {
            JsonNode me = call("read the sending account", "i", JSON.createObjectNode());
            if (!me.hasNonNull("id")) {
                throw new MisskeyException(Kind.BAD_RESPONSE, "Misskey answered i without an id");
            }
            id = me.get("id").asText();
            ownId = id;
        }
        return id;
    }

    private JsonNode call(String operation, String endpoint, JsonNode body) throws MisskeyException {
        String secret;
        try {
            secret = token.read();
        } catch (SecretFileException e) {
            throw new MisskeyException(Kind.LOCAL_SETUP, e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/" + endpoint)).timeout(timeout)
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new MisskeyException(Kind.UNREACHABLE, "Misskey unreachable at " + baseUrl + " (while trying to " + operation + ")", null, e);
        } catch (HttpTimeoutException e) {
            throw new MisskeyException(Kind.NO_ANSWER, "Misskey at " + baseUrl + " did not answer within " + timeout.toSeconds()
                    + " s when asked to " + operation, null, e);
        } catch (IOException e) {
            Kind kind = e.getCause() instanceof ConnectException ? Kind.UNREACHABLE : Kind.NO_ANSWER;
            throw new MisskeyException(kind, "Misskey at " + baseUrl + (kind == Kind.UNREACHABLE ? " is unreachable" : " closed the connection")
                    + " when asked to " + operation, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MisskeyException(Kind.NO_ANSWER, "interrupted while asking Misskey to " + operation, null, e);
        }
        logger.debug("POST /api/{} -> {}", endpoint, r.statusCode());
        if (r.statusCode() / 100 == 2) {
            try {
                return r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            } catch (IOException e) {
                throw new MisskeyException(Kind.BAD_RESPONSE, "Misskey answered " + endpoint + " with something that is not JSON");
            }
        }
        throw error(operation, r);
    }

    /** Misskey errors are {@code {"error": {"message", "code", "id", "kind"}}}. */
    private MisskeyException error(String operation, HttpResponse<String> r) {
        String code = "";
        String message = "";
        try {
            JsonNode e = JSON.readTree(r.body()).path("error");
            code = e.path("code").asText("");
            message = e.path("message").asText("");
        } catch (IOException | RuntimeException e) {
            // not the documented error shape (a proxy's page): the status says enough
        }
        String what = "Misskey at " + baseUrl + " refused to " + operation + ": HTTP " + r.statusCode()
                + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : " (" + clip(message) + ")");
        int s = r.statusCode();
        if (s == 429) {
            Duration after = r.headers().firstValue("Retry-After").flatMap(MisskeyClient::seconds).orElse(null);
            return new MisskeyException(Kind.RATE_LIMITED, what, after, null);
        }
        if (s == 401 || s == 403) {
            return new MisskeyException(Kind.UNAUTHORIZED, what + "; check the token in " + token.path() + " (permission write:notes)");
        }
        return new MisskeyException(s >= 500 ? Kind.SERVER_ERROR : Kind.REJECTED, what);
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Instant createdAt(JsonNode note) {
        try {
            return Instant.parse(note.path("createdAt").asText());
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
