package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.veilor.testsupport.FreePorts;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.headscale.FakeHeadscale;
import org.veilor.testsupport.misskey.FakeMisskey;
import org.veilor.testsupport.misskey.MisskeyWebhooks;

/**
 * The veilor-enrol feature in the real distribution, served by Karaf's HTTP whiteboard, against the
 * fake Misskey and the fake Headscale (the real servers cannot run here): signup → key → DM → the
 * one-time page, bad input, Headscale failing then recovering, a restart in the middle, the page in
 * headless Chromium with its QR decoded by zbarimg, the commands, and no secret in the log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EnrolIT extends VeilorTestSupport {

    static final String API_KEY = "hskey-api-EnrolItKey01-" + "k".repeat(64);
    static final String TOKEN = "misskeyTokenEnrolIT" + "t".repeat(20);
    static final String SECRET = "enrol-it-webhook-secret-" + "w".repeat(16);
    private static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/enrol/k/([A-Za-z0-9_-]{43}))");
    private static final Pattern KEY = Pattern.compile("<p class=\"key\" id=\"key\">([^<]+)</p>");
    /** Everything secret this class saw; none may reach karaf.log. */
    private static final Set<String> SECRETS = new HashSet<>(List.of(API_KEY, TOKEN, SECRET));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    FakeHeadscale headscale;
    FakeMisskey misskey;
    MisskeyWebhooks webhooks;
    Path dir;

    @Override
    protected Option[] extraOptions() {
        try {
            int port = FreePorts.next();
            return new Option[] {
                // veilor-enrol itself is installed at run time (see EnrolAccess)
                editConfigurationFileExtend("etc/org.apache.karaf.features.cfg", "featuresBoot", "veilor-headscale"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(port)),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.listening.addresses", "127.0.0.1"),
                systemProperty("veilor.itest.httpPort").value(String.valueOf(port)) };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String base() {
        return "http://127.0.0.1:" + System.getProperty("veilor.itest.httpPort");
    }

    @Before
    public void start() throws Exception {
        dir = workDir("enrol");
        headscale = new FakeHeadscale("0.29.2", API_KEY);
        misskey = new FakeMisskey(TOKEN, "veilor");
        webhooks = new MisskeyWebhooks(misskey, URI.create(base() + "/enrol/webhook"), SECRET);
        secret("headscale-api.key", API_KEY);
        secret("misskey.token", TOKEN);
        secret("webhook.secret", SECRET);
        if (!installed("veilor-enrol")) {
            installFeature("veilor-enrol");
        }
        execute("log:set DEBUG org.veilor"); // even debug lines must not carry a secret
        setConfig("org.veilor.headscale", Map.of("serverUrl", headscale.url().toString(), "apiKeyFile", dir.resolve("headscale-api.key").toString()));
        setConfig("org.veilor.enrol", enrolConfig(Map.of()));
        // the new configuration is in force once the webhook knows this test's Misskey (server is checked first)
        byte[] probe = webhooks.event("userCreated", "probe", Map.of()).put("eventId", "").toString().getBytes(StandardCharsets.UTF_8);
        Poll.assertEventually(TIMEOUT, () -> assertTrue(webhooks.post(webhooks.headers(), probe).body().contains("eventId is missing")));
        Poll.assertEventually(TIMEOUT, () -> assertEquals(0, busyElsewhere()));
    }

    @After
    public void stop() throws Exception {
        assertNoSecretLogged();
        headscale.close();
        misskey.close();
    }

    /** Enrolments of earlier tests are all settled, so they never reach this test's fakes. */
    private long busyElsewhere() throws Exception {
        return EnrolAccess.list(bundleContext).stream().filter(EnrolAccess.View::pending).count();
    }

    private Map<String, Object> enrolConfig(Map<String, Object> extra) {
        Map<String, Object> c = new HashMap<>();
        c.put("misskeyUrl", misskey.serverUrl());
        c.put("misskeyTokenFile", dir.resolve("misskey.token").toString());
        c.put("webhookSecretFile", dir.resolve("webhook.secret").toString());
        c.put("atRestKeyFile", dir.resolve("at-rest.key").toString());
        c.put("publicUrl", base());
        c.put("retryInitialSeconds", 1);
        c.put("retryMaxSeconds", 2);
        c.put("dmText", "Hello @{username}, your key: {link}");
        c.putAll(extra);
        return c;
    }

    private void secret(String name, String value) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, value + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    }

    private EnrolAccess.View awaitState(String username, String state) throws Exception {
        return Poll.until(TIMEOUT, "@" + username + " " + state, () -> {
            EnrolAccess.View e = EnrolAccess.list(bundleContext).stream().filter(x -> x.username().equals(username)).findFirst().orElse(null);
            return e != null && e.state().equals(state) ? e : null;
        });
    }

    /** The link in the user's only DM (its token joins the secrets). */
    private String link(EnrolAccess.View e) {
        List<FakeMisskey.Note> dms = misskey.dmsTo(e.userId());
        assertEquals("exactly one DM to @" + e.username(), 1, dms.size());
        Matcher m = LINK.matcher(dms.get(0).text());
        assertTrue(dms.get(0).text(), m.find());
        SECRETS.add(m.group(2));
        return m.group(1);
    }

    HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void signupBecomesATaggedKeyADmAndAOneTimePage() throws Exception {
        MisskeyWebhooks.Delivery d = webhooks.signup("it-alice");
        assertEquals(List.of(202), d.statuses());
        EnrolAccess.View e = awaitState("it-alice", "delivered");
        FakeHeadscale.StoredKey key = headscale.keys().get(0);
        SECRETS.add(key.key());
        assertEquals(List.of("tag:guest"), key.tags());
        assertTrue(key.reusable());
        Duration ttl = Duration.between(e.receivedAt(), key.expiration());
        assertTrue(ttl.toString(), ttl.compareTo(Duration.ofHours(24)) >= 0 && ttl.compareTo(Duration.ofHours(24).plusMinutes(2)) < 0);
        String link = link(e);
        assertEquals(List.of(e.userId()), misskey.dmsTo(e.userId()).get(0).visibleUserIds());

        HttpResponse<String> button = get(link);
        assertEquals(200, button.statusCode());
        assertFalse("opening the link (a link preview) shows no key", button.body().contains(key.key()));
        assertEquals("no-store", button.headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<String> page = post(link);
        assertEquals(200, page.statusCode());
        Matcher k = KEY.matcher(page.body());
        assertTrue(k.find());
        assertEquals(key.key(), k.group(1));
        assertEquals(410, post(link).statusCode());
        HttpResponse<String> gone = get(link);
        assertEquals(410, gone.statusCode());
        EnrolAccess.View shown = awaitState("it-alice", "shown");
        assertTrue(gone.body(), gone.body().contains(shown.fingerprint()));
        assertTrue(gone.body(), gone.body().contains("To get a new key"));

        String list = execute("enrol:list");
        assertTrue(list, list.contains("@it-alice") && list.contains("shown") && list.contains(key.key().substring(0, 23) + "-***"));
        String show = execute("enrol:show " + e.id());
        assertTrue(show, show.contains("fingerprint: " + shown.fingerprint()) && show.contains("| created"));
        assertFalse(list + show, (list + show).contains(key.key()));
    }

    @Test
    public void badInputIsRefusedAndRepeatsChangeNothing() throws Exception {
        FakeMisskey.User bob = misskey.addUser("it-bob");
        String eventId = UUID.randomUUID().toString();
        byte[] good = webhooks.event("userCreated", eventId, FakeMisskey.user(bob)).toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> wrongSecret = new HashMap<>(webhooks.headers());
        wrongSecret.put("X-Misskey-Hook-Secret", "not-the-secret");
        assertEquals(403, webhooks.post(wrongSecret, good).status());
        Map<String, String> noSecret = new HashMap<>(webhooks.headers());
        noSecret.remove("X-Misskey-Hook-Secret");
        assertEquals(403, webhooks.post(noSecret, good).status());
        assertEquals(413, webhooks.post(webhooks.headers(), new byte[70_000]).status());
        bad("the body is not JSON", "{\"type\":".getBytes(StandardCharsets.UTF_8));
        bad("type 'abuseReport' is not userCreated", webhooks.event("abuseReport", "e-1", Map.of("id", "x")).toString().getBytes(StandardCharsets.UTF_8));
        bad("body.id (the new user's ID) is missing", webhooks.event("userCreated", "e-2", Map.of("username", "x")).toString().getBytes(StandardCharsets.UTF_8));
        assertTrue("nothing stored", EnrolAccess.list(bundleContext).stream().noneMatch(e -> e.username().equals("it-bob")));

        assertEquals(202, webhooks.post(webhooks.headers(), good).status());
        MisskeyWebhooks.Answer again = webhooks.post(webhooks.headers(), good);
        assertEquals(200, again.status());
        assertTrue(again.body(), again.body().contains("event already received"));
        MisskeyWebhooks.Answer enrolled = webhooks.post(webhooks.headers(),
                webhooks.event("userCreated", UUID.randomUUID().toString(), FakeMisskey.user(bob)).toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, enrolled.status());
        assertTrue(enrolled.body(), enrolled.body().contains("user already enrolled"));
        awaitState("it-bob", "delivered");
        assertEquals(1, misskey.dmsTo(bob.id()).size());
        assertEquals(1, headscale.keys().size());
        assertEquals(405, get(base() + "/enrol/webhook").statusCode());
        assertEquals(404, get(base() + "/enrol/k/" + "z".repeat(43)).statusCode());
        link(awaitState("it-bob", "delivered"));
    }

    private void bad(String reason, byte[] body) throws Exception {
        MisskeyWebhooks.Answer a = webhooks.post(webhooks.headers(), body);
        assertEquals(a.body(), 400, a.status());
        assertTrue(a.body(), a.body().contains(reason));
    }

    @Test
    public void headscaleFailingForAWhileThenRecoveringDeliversEachSignupOnce() throws Exception {
        headscale.unavailable(true);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add("it-down" + i);
            assertEquals(List.of(202), webhooks.signup(users.get(i)).statuses());
        }
        Poll.assertEventually(TIMEOUT, () -> assertTrue(headscale.requests().stream().filter(r -> r.path().equals("/api/v1/preauthkey")).count() >= 12));
        headscale.randomFaults(0.3, 0.8, 7); // back, but still losing answers after acting now and then
        headscale.unavailable(false);
        for (String u : users) {
            awaitState(u, "delivered");
        }
        headscale.randomFaults(0, 0, 0);
        exactlyOneValidKeyPerUser(users);
    }

    @Test
    public void aRestartInTheMiddleResumesWithoutDoubles() throws Exception {
        headscale.delay(500);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add("it-restart" + i);
            assertEquals(List.of(202), webhooks.signup(users.get(i)).statuses());
        }
        Poll.assertEventually(TIMEOUT, () -> assertTrue(headscale.requests().size() >= 2));
        headscale.loseNextAnswer();
        Bundle enrol = java.util.Arrays.stream(bundleContext.getBundles()).filter(b -> b.getSymbolicName().equals("org.veilor.enrol")).findFirst().orElseThrow();
        enrol.stop();
        long unfinished = users.stream().filter(u -> misskey.notes().stream().noneMatch(n -> n.text().startsWith("Hello @" + u + ","))).count();
        assertTrue("the restart came in the middle", unfinished > 0);
        headscale.delay(0);
        enrol.start();
        for (String u : users) {
            awaitState(u, "delivered");
        }
        exactlyOneValidKeyPerUser(users);
    }

    @Test
    public void thePageInHeadlessChromiumShowsAQrOfTheKey() throws Exception {
        assertEquals(List.of(202), webhooks.signup("it-carol").statuses());
        EnrolAccess.View e = awaitState("it-carol", "delivered");
        String key = headscale.keys().get(0).key();
        SECRETS.add(key);
        String link = link(e);
        Path shots = Files.createDirectories(dir.resolve("chromium-" + System.nanoTime()));
        Path before = Browser.screenshot(link, shots, "link.png");
        assertEquals("opening the link shows no QR code", List.of(), Browser.zbarimg(before));
        Path auto = shots.resolve("press.html");
        Files.writeString(auto, "<html><body><form id=\"f\" method=\"post\" action=\"" + link + "\"></form>"
                + "<script>document.getElementById('f').submit()</script></body></html>");
        Path after = Browser.screenshot(auto.toUri().toString(), shots, "key.png");
        assertEquals("the QR code in the screenshot decodes to the key", List.of(key), Browser.zbarimg(after));
        awaitState("it-carol", "shown");
        Path again = Browser.screenshot(auto.toUri().toString(), shots, "again.png");
        assertEquals("shown once", List.of(), Browser.zbarimg(again));
    }

    @Test
    public void operatorCommands() throws Exception {
        FakeMisskey.User dave = misskey.addUser("it-dave");
        String minted = execute("enrol:mint --user @it-dave");
        assertTrue(minted, minted.contains("for @it-dave received"));
        EnrolAccess.View e = awaitState("it-dave", "delivered");
        assertEquals("manual", e.origin());
        String key = headscale.keys().get(0).key();
        SECRETS.add(key);
        link(e);
        headscale.register(key, "daves-laptop");
        String revoked = execute("enrol:revoke " + e.id());
        assertTrue(revoked, revoked.contains("Expired pre-auth key " + e.keyId()) && revoked.contains("(daves-laptop) that joined with it"));
        assertTrue(headscale.usableKeys("tag:guest").isEmpty());
        assertTrue(execute("enrol:list --state revoked").contains("@it-dave"));

        String reissued = execute("enrol:reissue " + e.id());
        assertTrue(reissued, reissued.contains("generation 2"));
        Poll.assertEventually(TIMEOUT, () -> assertEquals(2, misskey.dmsTo(dave.id()).size()));
        awaitState("it-dave", "delivered");
        assertEquals(1, headscale.usableKeys("tag:guest").size());
        SECRETS.add(headscale.usableKeys("tag:guest").get(0).key());

        secret("misskey.token", "a-token-misskey-refuses");
        setConfig("org.veilor.enrol", enrolConfig(Map.of("maxAttempts", 2)));
        webhooks.signup("it-erin");
        EnrolAccess.View failed = awaitState("it-erin", "failed");
        assertTrue(failed.reason(), failed.reason().contains("HTTP 401 AUTHENTICATION_FAILED"));
        secret("misskey.token", TOKEN);
        String retried = execute("enrol:retry " + failed.id());
        assertTrue(retried, retried.contains("is minted and due now"));
        awaitState("it-erin", "delivered");
        link(awaitState("it-erin", "delivered"));
        SECRETS.add(headscale.keys().get(headscale.keys().size() - 1).key());
        try {
            execute("enrol:show 99999");
        } catch (CommandFailed ex) {
            assertTrue(ex.getMessage(), ex.getMessage().contains("no enrolment 99999"));
        }
    }

    /** Each user's one valid key is its enrolment's key; no other valid guest key; one DM each. */
    private void exactlyOneValidKeyPerUser(List<String> users) throws Exception {
        Set<String> keyIds = new HashSet<>();
        for (String u : users) {
            EnrolAccess.View e = awaitState(u, "delivered");
            link(e);
            keyIds.add(e.keyId());
        }
        Set<String> usable = new HashSet<>();
        headscale.usableKeys("tag:guest").forEach(k -> {
            usable.add(k.id());
            SECRETS.add(k.key());
        });
        headscale.keys().forEach(k -> SECRETS.add(k.key()));
        assertEquals(keyIds, usable);
        assertEquals(users.size(), usable.size());
    }

    private void assertNoSecretLogged() throws Exception {
        Path log = Path.of(bundleContext.getProperty("karaf.data"), "log", "karaf.log");
        String text = Files.readString(log);
        assertTrue("the log holds the bundle's lines", text.contains("enrolment ready: webhook"));
        for (String s : SECRETS) {
            assertFalse("a secret is in karaf.log: " + s.substring(0, 6) + "…", text.contains(s));
        }
    }
}
