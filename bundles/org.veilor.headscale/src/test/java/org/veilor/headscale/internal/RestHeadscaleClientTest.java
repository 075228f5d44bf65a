package org.veilor.headscale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.HeadscaleNode;
import org.veilor.headscale.HeadscaleUser;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.PreAuthKey;
import org.veilor.headscale.PreAuthKeyRequest;
import org.veilor.testsupport.FakeHttpServer.Request;
import org.veilor.testsupport.headscale.FakeHeadscale;

/**
 * The client against the fake Headscale of every API dialect (user by name ≤ 0.25, by ID 0.26–0.27,
 * optional 0.28+, problem JSON errors 0.30): what a caller sees and what goes over the wire.
 */
class RestHeadscaleClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private FakeHeadscale fake;

    @AfterEach
    void close() {
        if (fake != null) {
            fake.close();
        }
    }

    private RestHeadscaleClient start(String version) throws Exception {
        fake = new FakeHeadscale(version, Fixtures.API_KEY);
        fake.addUser("operators");
        return Fixtures.client(fake.url().toString(), Fixtures.keyFile(dir, Fixtures.API_KEY));
    }

    private JsonNode lastBody(String method, String path) throws Exception {
        List<Request> rs = fake.requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
        return JSON.readTree(rs.get(rs.size() - 1).body());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0.25.1", "0.26.1", "0.27.1", "0.28.0", "0.29.2", "0.30.0" })
    void mintFindExpireAcrossDialects(String version) throws Exception {
        RestHeadscaleClient client = start(version);
        HeadscaleVersion v = client.serverVersion().version();
        assertEquals(HeadscaleVersion.parse(version), v);
        assertTrue(client.serverVersion().detected());
        assertTrue(client.health());

        // A precise, unique expiration: how enrolment finds a key whose answer was lost.
        Instant expiration = Instant.now().plus(24, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS).plusMillis(7);
        PreAuthKeyRequest request = PreAuthKeyRequest.tagged(List.of("tag:guest"), expiration, true);
        if (v.keysNeedUser()) {
            request = request.ownedBy("operators");
        }
        PreAuthKey key = client.createPreAuthKey(request);
        assertTrue(key.hasSecret());
        assertEquals(List.of("tag:guest"), key.aclTags());
        assertEquals(expiration, key.expiration());
        assertTrue(key.reusable());
        assertEquals(v.secretShownOnce() ? 88 : 48, key.key().length(), key.masked());

        JsonNode sent = lastBody("POST", "/api/v1/preauthkey");
        assertEquals(expiration.toString(), sent.get("expiration").asText(), "expiration always sent, to the millisecond");
        switch (v.userReference()) {
            case NAME -> assertEquals("operators", sent.get("user").asText());
            case ID -> assertEquals("\"1\"", sent.get("user").toString(), "the user's ID, as a JSON string");
            case OPTIONAL_ID -> assertFalse(sent.has("user"), "a tagged key needs no user from 0.28");
        }
        assertEquals("[\"tag:guest\"]", sent.get("aclTags").toString());

        List<PreAuthKey> found = client.findPreAuthKeys("tag:guest", expiration);
        assertEquals(1, found.size());
        assertEquals(key.id(), found.get(0).id());
        assertEquals(v.secretShownOnce(), !found.get(0).hasSecret(), "0.28+ lists keys masked");
        assertTrue(client.findPreAuthKeys("tag:guest", expiration.plusMillis(1)).isEmpty());
        assertTrue(client.findPreAuthKeys("tag:admin", expiration).isEmpty());

        FakeHeadscale.StoredNode joined = fake.register(key.key(), "guest-laptop");
        HeadscaleNode node = client.findNodeByPreAuthKey(found.get(0)).orElseThrow();
        assertEquals(joined.id(), node.id());
        assertEquals(List.of("tag:guest"), node.tags());
        assertEquals(key.id(), node.preAuthKeyId());

        client.expirePreAuthKey(found.get(0));
        JsonNode expire = lastBody("POST", "/api/v1/preauthkey/expire");
        if (v.keysNeedUser()) {
            assertEquals(key.key(), expire.get("key").asText());
            assertEquals(v.userReference() == HeadscaleVersion.UserReference.NAME ? "operators" : "1", expire.get("user").asText());
        } else {
            assertEquals("{\"id\":\"" + key.id() + "\"}", expire.toString());
        }
        assertTrue(fake.usableKeys("tag:guest").isEmpty(), "the key is expired on the server");
        PreAuthKey listed = client.listPreAuthKeys().stream().filter(k -> k.id().equals(key.id())).findFirst().orElseThrow();
        assertFalse(listed.usableAt(Instant.now()), "listed as expired: " + listed);

        HeadscaleNode expired = client.expireNode(node.id());
        assertTrue(expired.expiredAt(Instant.now().plusSeconds(1)));
        client.deleteNode(node.id());
        assertTrue(client.listNodes().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0.25.1", "0.27.1" })
    void beforeHeadscale028AKeyNeedsAUser(String version) throws Exception {
        RestHeadscaleClient client = start(version);
        HeadscaleException e = assertThrows(HeadscaleException.class,
                () -> client.createPreAuthKey(PreAuthKeyRequest.tagged(List.of("tag:guest"), Instant.now().plusSeconds(60), false)));
        assertEquals(HeadscaleException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().startsWith("Headscale " + version + " needs a user for every pre-auth key"), e.getMessage());
        HeadscaleException unknown = assertThrows(HeadscaleException.class, () -> client.createPreAuthKey(
                PreAuthKeyRequest.tagged(List.of("tag:guest"), Instant.now().plusSeconds(60), false).ownedBy("nobody")));
        assertEquals(HeadscaleException.Kind.NOT_FOUND, unknown.kind());
        assertTrue(unknown.getMessage().contains("user not found") || unknown.getMessage().contains("no user named 'nobody'"), unknown.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0.26.1", "0.29.2", "0.30.0" })
    void usersAreCreatedAndListedWithStringIds(String version) throws Exception {
        RestHeadscaleClient client = start(version);
        HeadscaleUser guests = client.createUser("guests");
        assertEquals("2", guests.id());
        assertEquals(List.of("operators", "guests"), client.listUsers().stream().map(HeadscaleUser::name).toList());
        assertEquals("2", client.findUser("guests").orElseThrow().id());
        HeadscaleException dup = assertThrows(HeadscaleException.class, () -> client.createUser("guests"));
        if (version.startsWith("0.30")) {
            assertEquals(HeadscaleException.Kind.REJECTED, dup.kind());
            assertEquals("Headscale refused to create user 'guests' (HTTP 409): user 'guests' already exists", dup.getMessage());
        } else {
            assertEquals(HeadscaleException.Kind.SERVER_ERROR, dup.kind());
            assertEquals("Headscale failed to create user 'guests' (HTTP 500, INTERNAL): user 'guests' already exists", dup.getMessage());
        }
        // a key with user on 0.28+ still names the user by ID
        if (client.serverVersion().version().atLeast(0, 28)) {
            PreAuthKey k = client.createPreAuthKey(new PreAuthKeyRequest("guests", List.of(), Instant.now().plusSeconds(60), false, false));
            assertEquals("guests", k.userName());
            assertEquals("\"2\"", lastBody("POST", "/api/v1/preauthkey").get("user").toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "0.27.1", "0.29.2", "0.30.0" })
    void policyRoundTripAndServerRefusal(String version) throws Exception {
        RestHeadscaleClient client = start(version);
        String policy = "// tiers\n{\"tagOwners\": {\"tag:guest\": []}, \"acls\": [{\"action\": \"accept\", \"src\": [\"tag:guest\"], \"dst\": [\"100.64.0.2:443\"]}],}";
        client.setPolicy(policy);
        assertEquals(policy, client.getPolicy());
        HeadscaleException e = assertThrows(HeadscaleException.class,
                () -> client.setPolicy("{\"acls\": [{\"action\": \"accept\", \"src\": [\"tag:nope\"], \"dst\": [\"*:*\"]}]}"));
        assertEquals(HeadscaleException.Kind.SERVER_ERROR, e.kind());
        assertTrue(e.getMessage().startsWith("Headscale failed to store the policy (HTTP 500"), e.getMessage());
        assertTrue(e.getMessage().endsWith("setting policy: tag not found: tag:nope"), e.getMessage());
        assertEquals(policy, client.getPolicy(), "the refused policy was not stored");
    }

    @ParameterizedTest
    @ValueSource(strings = { "0.29.2", "0.30.0" })
    void errorsOfBothShapesBecomeClearMessages(String version) throws Exception {
        RestHeadscaleClient client = start(version);
        HeadscaleException e = assertThrows(HeadscaleException.class, () -> client.expireNode("42"));
        // 0.29: gRPC JSON {"code": 13, "message": …} with HTTP 500; 0.30: problem JSON with 404
        assertEquals(version.startsWith("0.30") ? HeadscaleException.Kind.NOT_FOUND : HeadscaleException.Kind.SERVER_ERROR, e.kind());
        assertTrue(e.getMessage().endsWith("node 42 not found: record not found"), e.getMessage());
        assertTrue(e.getMessage().contains(version.startsWith("0.30") ? "(HTTP 404)" : "(HTTP 500, INTERNAL)"), e.getMessage());
    }
}
