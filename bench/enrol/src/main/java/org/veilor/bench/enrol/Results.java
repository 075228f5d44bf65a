package org.veilor.bench.enrol;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.veilor.testsupport.headscale.FakeHeadscale;
import org.veilor.testsupport.misskey.FakeMisskey;

/** Waiting for the DMs, and the proof that every user holds exactly one valid key. */
final class Results {

    private static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/enrol/k/[A-Za-z0-9_-]{43})");
    private static final Pattern KEY = Pattern.compile("<p class=\"key\" id=\"key\">([^<]+)</p>");

    private Results() {
    }

    /** Waits until every user has a DM; returns when each user's first DM was made (ms). */
    static Map<String, Long> awaitDms(FakeMisskey misskey, List<SignupLoad.Sent> sent, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> wanted = new HashSet<>();
        sent.forEach(s -> wanted.add(s.user().id()));
        while (true) {
            Map<String, Long> first = new HashMap<>();
            for (FakeMisskey.Note n : misskey.notes()) {
                for (String to : n.visibleUserIds()) {
                    if (wanted.contains(to)) {
                        first.merge(to, n.createdAt().toEpochMilli(), Math::min);
                    }
                }
            }
            if (first.size() == wanted.size()) {
                return first;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + first.size() + " of " + wanted.size() + " users got their DM within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Opens every user's page (once) and checks: one DM per user, each page shows a key, all keys
     * differ, and the valid guest keys in Headscale are exactly these keys.
     *
     * @throws IllegalStateException when the promise is broken
     */
    static String proveOneValidKeyPerUser(FakeMisskey misskey, FakeHeadscale headscale, List<SignupLoad.Sent> users) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Set<String> revealed = new HashSet<>();
        for (SignupLoad.Sent s : users) {
            List<FakeMisskey.Note> dms = misskey.dmsTo(s.user().id());
            if (dms.size() != 1) {
                throw new IllegalStateException("@" + s.user().username() + " got " + dms.size() + " DMs, not 1");
            }
            Matcher m = LINK.matcher(dms.get(0).text());
            if (!m.find()) {
                throw new IllegalStateException("no page link in the DM to @" + s.user().username());
            }
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(m.group(1))).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher k = KEY.matcher(page.body());
            if (page.statusCode() != 200 || !k.find()) {
                throw new IllegalStateException("the page of @" + s.user().username() + " answered " + page.statusCode());
            }
            if (!revealed.add(k.group(1))) {
                throw new IllegalStateException("two users were shown the same key");
            }
        }
        Set<String> usable = new HashSet<>();
        headscale.usableKeys("tag:guest").forEach(k -> usable.add(k.key()));
        if (!usable.equals(revealed)) {
            Set<String> strays = new HashSet<>(usable);
            strays.removeAll(revealed);
            throw new IllegalStateException("valid guest keys in Headscale: " + usable.size() + ", keys shown to users: " + revealed.size()
                    + ", valid keys nobody holds (orphans): " + strays.size());
        }
        return String.format("PROOF OK: %d users, %d DMs (one each), %d distinct keys shown, %d valid guest keys in Headscale = exactly those; "
                + "%d keys minted in all (the others expired by reconciliation)", users.size(), users.size(), revealed.size(), usable.size(),
                headscale.keys().size());
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
