package org.veilor.enrol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.veilor.core.qr.QrCodes;
import org.veilor.enrol.Enrolment;
import org.veilor.enrol.EnrolmentState;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.headscale.FakeHeadscale;
import org.veilor.testsupport.misskey.FakeMisskey;

/** Assertions shared by the enrolment tests: states, links in DMs, the page, and the promise "one valid key per user". */
final class Flow {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LINK = Pattern.compile("https://enrol\\.example\\.org/enrol/k/([A-Za-z0-9_-]{43})");
    private static final Pattern QR = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
    private static final Pattern KEY = Pattern.compile("<p class=\"key\" id=\"key\">([^<]+)</p>");

    private Flow() {
    }

    static Enrolment await(EnrolFixture f, long id, EnrolmentState state) throws Exception {
        Poll.assertEventually(TIMEOUT, () -> assertEquals(state, f.engine.find(id).orElseThrow().state(), () -> describe(f, id)));
        return f.engine.find(id).orElseThrow();
    }

    static String describe(EnrolFixture f, long id) {
        try {
            return f.engine.find(id).orElseThrow().toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    static long id(WebhookHandler.Reply r) {
        Matcher m = Pattern.compile("\"enrolment\":(\\d+)").matcher(r.json());
        assertTrue(m.find(), r.json());
        return Long.parseLong(m.group(1));
    }

    /** The page token in the user's only DM. */
    static String token(EnrolFixture f, String userId) {
        List<FakeMisskey.Note> dms = f.misskey.dmsTo(userId);
        assertEquals(1, dms.size(), "exactly one DM to " + userId + ": " + dms);
        return token(dms.get(0));
    }

    static String token(FakeMisskey.Note dm) {
        assertEquals("specified", dm.visibility());
        Matcher m = LINK.matcher(dm.text());
        assertTrue(m.find(), "a page link in the DM: " + dm.text());
        return m.group(1);
    }

    /** Opens the page with the button pressed; checks text and QR agree; returns the key. */
    static String reveal(EnrolFixture f, String token) throws Exception {
        PageHandler.Page first = f.engine.pages().open(token);
        assertEquals(200, first.status(), first.html());
        assertTrue(first.html().contains("Show my key now") && !first.html().contains("hskey-auth-"), "opening the link shows no key");
        PageHandler.Page page = f.engine.pages().reveal(token);
        assertEquals(200, page.status(), page.html());
        Matcher k = KEY.matcher(page.html());
        assertTrue(k.find(), page.html());
        Matcher q = QR.matcher(page.html());
        assertTrue(q.find(), "a QR image");
        String key = k.group(1);
        assertEquals(key, QrCodes.decode(Base64.getDecoder().decode(q.group(1))), "the QR code holds exactly the pasteable text");
        assertTrue(page.html().contains("Join the Veilor mesh? [paste / QR]"), "first-boot instructions");
        return key;
    }

    /**
     * The promise: every enrolment with a key has exactly one valid key in Headscale (its own), no
     * other valid guest key exists, and every user got exactly one DM.
     */
    static void exactlyOneValidKeyPerUser(EnrolFixture f, int users) throws Exception {
        List<Enrolment> all = f.engine.list();
        assertEquals(users, all.size());
        Set<String> keyIds = new HashSet<>();
        for (Enrolment e : all) {
            assertTrue(e.state() == EnrolmentState.DELIVERED || e.state() == EnrolmentState.SHOWN, () -> "delivered: " + e);
            assertEquals(1, f.misskey.dmsTo(e.misskeyUserId()).size(), () -> "one DM for " + e);
            keyIds.add(e.keyId());
        }
        List<FakeHeadscale.StoredKey> usable = f.headscale.usableKeys("tag:guest");
        Set<String> usableIds = new HashSet<>();
        usable.forEach(k -> usableIds.add(k.id()));
        assertEquals(keyIds, usableIds, "the valid guest keys are exactly the enrolments' keys");
        for (FakeHeadscale.StoredKey k : usable) {
            assertTrue(k.expiration().isAfter(Instant.now().plus(Duration.ofHours(23))), "a 24-hour key");
            assertTrue(k.reusable());
            assertEquals(List.of("tag:guest"), k.tags());
        }
    }
}
