package org.veilor.enrol.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.enrol.internal.EnrolmentStore.Receipt;
import org.veilor.enrol.internal.SecretFile.SecretFileException;

/**
 * The webhook's checks, in order, without the servlet API (so they are tested directly):
 * <ol>
 * <li>{@code X-Misskey-Hook-Secret} compared in constant time with the secret file — mismatch: 403,
 * nothing read or stored;</li>
 * <li>the size cap — over it: 413;</li>
 * <li>the event's shape — malformed, not {@code userCreated}, no user ID: 400 with the reason;</li>
 * <li>a known {@code eventId} or an enrolled user: 200, nothing new;</li>
 * <li>else the signup is stored and answered 202 at once; the worker does the rest.</li>
 * </ol>
 * Misskey retries 5xx and gives up on 4xx (§4.1), so a database that is down answers 503.
 */
final class WebhookHandler {

    /** What to answer. */
    record Reply(int status, String json) {
    }

    private final Logger logger = LoggerFactory.getLogger(WebhookHandler.class);
    private final SecretFile secret;
    private final EnrolmentStore store;
    private final EnrolSettings settings;
    private final Runnable wake;
    private final Clock clock;

    WebhookHandler(SecretFile secret, EnrolmentStore store, EnrolSettings settings, Runnable wake, Clock clock) {
        this.secret = secret;
        this.store = store;
        this.settings = settings;
        this.wake = wake;
        this.clock = clock;
    }

    /**
     * @param givenSecret the {@code X-Misskey-Hook-Secret} header, or {@code null}
     * @param contentLength the declared length, or -1
     */
    Reply handle(String givenSecret, long contentLength, InputStream body) throws IOException {
        String expected;
        try {
            expected = secret.read();
        } catch (SecretFileException e) {
            logger.warn("webhook refused: {}", e.getMessage());
            return reply(503, "the webhook secret is not set up on this server");
        }
        if (givenSecret == null || !constantTimeEquals(givenSecret, expected)) {
            logger.debug("webhook refused: wrong or missing X-Misskey-Hook-Secret");
            return reply(403, "wrong or missing X-Misskey-Hook-Secret");
        }
        int max = settings.webhookMaxBytes();
        if (contentLength > max) {
            return reply(413, "the body is larger than " + max + " bytes");
        }
        byte[] bytes = body.readNBytes(max + 1);
        if (bytes.length > max) {
            return reply(413, "the body is larger than " + max + " bytes");
        }
        WebhookEvent event;
        try {
            event = WebhookEvent.parse(bytes, settings.misskeyUrl());
        } catch (WebhookEvent.Rejected e) {
            logger.debug("webhook rejected: {}", e.getMessage());
            return reply(400, e.getMessage());
        }
        Receipt r;
        try {
            r = store.receive(event.userId(), event.username(), "webhook", event.eventId(), event.hookId(), clock.millis());
        } catch (SQLException e) {
            logger.warn("webhook event {} not stored (Misskey retries it): {}", event.eventId(), e.getMessage());
            return reply(503, "the enrolment database is unavailable; retry later");
        }
        return switch (r.outcome()) {
            case CREATED -> {
                logger.info("enrolment {} (@{}) received from webhook event {}", r.enrolmentId(), event.username(), event.eventId());
                wake.run();
                yield new Reply(202, "{\"enrolment\":" + r.enrolmentId() + ",\"state\":\"received\"}");
            }
            case DUPLICATE_EVENT -> new Reply(200, "{\"enrolment\":" + r.enrolmentId() + ",\"duplicate\":\"event already received\"}");
            case ALREADY_ENROLLED -> new Reply(200, "{\"enrolment\":" + r.enrolmentId() + ",\"duplicate\":\"user already enrolled\"}");
        };
    }

    /** Compares digests, so neither content nor length leaks through timing. */
    static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(KeySealer.sha256(given.getBytes(StandardCharsets.UTF_8)),
                KeySealer.sha256(expected.getBytes(StandardCharsets.UTF_8)));
    }

    private static Reply reply(int status, String error) {
        return new Reply(status, MisskeyClient.JSON.createObjectNode().put("error", error).toString());
    }
}
