package org.veilor.enrol.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.qr.QrCodes;
import org.veilor.enrol.EnrolmentState;
import org.veilor.enrol.internal.SecretFile.SecretFileException;

/**
 * The one-time page behind a DM's link. Opening the link ({@code GET}) shows only a button: link
 * previews (Misskey fetches a preview of every link in a note) and scanners must not use the key
 * up. Pressing it ({@code POST}) opens the sealed key, shows it once as text and as a QR code of
 * exactly that text, with the first-boot steps, and drops it from the database; from then on, and
 * once the key expires, the page answers 410 with the key's fingerprint and how to get a new one.
 */
final class PageHandler {

    /** What to answer. */
    record Page(int status, String html) {
    }

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final Logger logger = LoggerFactory.getLogger(PageHandler.class);
    private final EnrolmentStore store;
    private final KeySealer sealer;
    private final EnrolSettings settings;
    private final Clock clock;

    PageHandler(EnrolmentStore store, KeySealer sealer, EnrolSettings settings, Clock clock) {
        this.store = store;
        this.sealer = sealer;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code GET}: the button, or why the key is gone. */
    Page open(String token) {
        try {
            Optional<StoredEnrolment> e = find(token);
            if (e.isEmpty()) {
                return notFound();
            }
            return gone(e.get()).orElseGet(() -> new Page(200, PageHtml.confirm(e.get().username(), hoursLeft(e.get()))));
        } catch (SQLException ex) {
            return unavailable(ex);
        }
    }

    /** {@code POST}: shows the key, once. */
    Page reveal(String token) {
        try {
            Optional<StoredEnrolment> found = find(token);
            if (found.isEmpty()) {
                return notFound();
            }
            StoredEnrolment e = found.get();
            Optional<Page> gone = gone(e);
            if (gone.isPresent()) {
                return gone.get();
            }
            String key;
            try {
                key = sealer.open(e.keySealed(), e.id(), e.generation());
            } catch (SecretFileException ex) {
                logger.error("enrolment {}: the key page cannot be shown: {}", e.id(), ex.getMessage());
                return new Page(500, PageHtml.broken(settings.newKeyHelp()));
            }
            byte[] qr = QrCodes.encodePng(key, 360);
            if (!store.shown(e.id(), e.generation(), clock.millis())) {
                // opened twice at once: the other request showed it
                return store.load(e.id()).flatMap(this::gone).orElseGet(PageHandler::notFound);
            }
            logger.info("enrolment {} (@{}): page opened, key {} shown once", e.id(), e.username(), e.keyId());
            return new Page(200, PageHtml.key(e.username(), key, qr, Instant.ofEpochMilli(e.keyExpiresAt()), settings.reusable()));
        } catch (SQLException ex) {
            return unavailable(ex);
        } catch (IOException ex) {
            logger.error("the QR code of a key page cannot be made: {}", ex.getMessage());
            return new Page(500, PageHtml.broken(settings.newKeyHelp()));
        }
    }

    private Optional<StoredEnrolment> find(String token) throws SQLException {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return store.byPageHash(KeySealer.tokenHash(token));
    }

    /** Why the page can no longer show a key, if it cannot. */
    private Optional<Page> gone(StoredEnrolment e) {
        long now = clock.millis();
        if (e.state() == EnrolmentState.REVOKED) {
            return Optional.of(new Page(410, PageHtml.gone("This key was revoked by an administrator.", e.keyFingerprint(), settings.newKeyHelp())));
        }
        if (e.keySealed() == null && e.shownAt() != null) {
            return Optional.of(new Page(410, PageHtml.gone("This key was already shown, on " + PageHtml.date(Instant.ofEpochMilli(e.shownAt()))
                    + ". It is shown only once and is not kept here.", e.keyFingerprint(), settings.newKeyHelp())));
        }
        if (e.keyExpiredAt(now) || e.keySealed() == null) {
            return Optional.of(new Page(410, PageHtml.gone("This key has expired" + (e.keyExpiresAt() == null ? "."
                    : " (on " + PageHtml.date(Instant.ofEpochMilli(e.keyExpiresAt())) + ")."), e.keyFingerprint(), settings.newKeyHelp())));
        }
        return Optional.empty();
    }

    private long hoursLeft(StoredEnrolment e) {
        return Math.max(0, (e.keyExpiresAt() - clock.millis()) / 3_600_000L);
    }

    private static Page notFound() {
        return new Page(404, PageHtml.notFound());
    }

    private Page unavailable(SQLException ex) {
        logger.warn("an enrolment page could not be read from the database: {}", ex.getMessage());
        return new Page(503, PageHtml.unavailable());
    }
}
