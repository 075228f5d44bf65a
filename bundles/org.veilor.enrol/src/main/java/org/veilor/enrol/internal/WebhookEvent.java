package org.veilor.enrol.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * A Misskey system webhook delivery, checked against its documented shape
 * (image-kickstart-seed-enrol.md §4.1): {@code {"server", "hookId", "eventId", "createdAt", "type",
 * "body"}}, where a {@code userCreated} body is a packed UserLite ({@code id, username, host, …};
 * {@code host} is null for a local user).
 *
 * @param eventId the delivery's eventId (idempotency key)
 * @param hookId the webhook's ID, or {@code null}
 * @param userId the new user's ID
 * @param username the new user's name
 */
record WebhookEvent(String eventId, String hookId, String userId, String username) {

    /** The body does not fit; the reason goes back to the sender with HTTP 400. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason);
        }
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /**
     * @param misskeyUrl the configured Misskey base URL (the event's {@code server} must be it)
     * @throws Rejected with a reason naming the field
     */
    static WebhookEvent parse(byte[] body, String misskeyUrl) throws Rejected {
        JsonNode json;
        try {
            json = MisskeyClient.JSON.readTree(body);
        } catch (JacksonException e) {
            throw new Rejected("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Rejected("the body cannot be read: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new Rejected("the body is not a JSON object");
        }
        String server = text(json, "server");
        if (server == null || !strip(server).equals(misskeyUrl)) {
            throw new Rejected("server '" + clip(String.valueOf(server)) + "' is not the configured Misskey " + misskeyUrl);
        }
        String type = text(json, "type");
        if (!"userCreated".equals(type)) {
            throw new Rejected(type == null ? "type is missing: only userCreated events are accepted here"
                    : "type '" + clip(type) + "' is not userCreated: only new users are enrolled here");
        }
        String eventId = text(json, "eventId");
        if (eventId == null || eventId.isBlank() || eventId.length() > 100) {
            throw new Rejected("eventId is missing or longer than 100 characters");
        }
        JsonNode user = json.get("body");
        if (user == null || !user.isObject()) {
            throw new Rejected("body (the new user) is missing or not an object");
        }
        String id = text(user, "id");
        if (id == null || !ID.matcher(id).matches()) {
            throw new Rejected(id == null ? "body.id (the new user's ID) is missing" : "body.id '" + clip(id) + "' is not a Misskey user ID");
        }
        String username = text(user, "username");
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new Rejected("body.username is missing or not a Misskey user name");
        }
        if (user.hasNonNull("host")) {
            throw new Rejected("body.host is '" + clip(user.get("host").asText()) + "': only local users are enrolled");
        }
        String hookId = text(json, "hookId");
        return new WebhookEvent(eventId, hookId == null ? null : clip(hookId), id, username);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    private static String strip(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    private static String clip(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }
}
