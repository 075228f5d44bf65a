package org.veilor.testsupport.headscale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.veilor.testsupport.FakeHttpServer;

/**
 * A fake Headscale REST API. It stands in for the real server, which cannot run here (not packaged
 * for Debian, no Go toolchain to build it): every route, field and error is taken from the
 * documented shapes of the version it imitates (mesh-radio.md §2.3–2.4), not from Headscale's code.
 *
 * <ul>
 * <li>auth: {@code Authorization: Bearer <key>} on {@code /api/v1}, else HTTP 401 with the plain
 * text {@code Unauthorized};</li>
 * <li>IDs as strings, camelCase, protojson timestamps; errors as gRPC status JSON (≤ 0.29) or RFC
 * 7807 problem JSON (0.30);</li>
 * <li>pre-auth keys per version: user by name (≤ 0.25), by ID (0.26–0.27), optional with tags
 * (0.28+); listed per user before 0.28, all at once after, secrets masked from 0.28; expired by
 * user + key before 0.28, by ID after; 48-hex keys before 0.28, {@code hskey-auth-…} (88 chars)
 * after; no expiration sent → the zero time, an unusable key;</li>
 * <li>policy in database mode (or file mode, refusing updates); from 0.27 an unknown top-level key
 * is refused, 0.26 and older ignore it; every tag used must be in {@code tagOwners}. The fake does
 * not run a policy's {@code tests} — Veilor's own evaluator is tested for that;</li>
 * <li>faults: those of {@link FakeHttpServer} (an error instead of an answer, an answer lost after
 * the server acted), {@link #unavailable} (a proxy in front answering 503), and
 * {@link #failNextAfterActing} (the server acts, then answers 500), and {@link #randomFaults} (a
 * share of all calls fails in one of these ways, for soak runs and benchmarks).</li>
 * </ul>
 * Test hooks ({@link #register}, {@link #join}, {@link #online(String, boolean)}, {@link #keys},
 * {@link #nodes}) play the part of machines joining, connecting and dropping, and let tests look
 * behind the API; {@link #onPolicyStored} lets a test play the tailnet's reaction to a new policy
 * (machines reached only through the tailnet going offline). A node's {@code online} is whether it
 * holds its connection to the control server, as Headscale reports it in {@code GET /api/v1/node}.
 */
public final class FakeHeadscale extends FakeHttpServer {

    /** A user as stored. */
    public record StoredUser(String id, String name, Instant createdAt) {
    }

    /** A pre-auth key as stored, full secret included. */
    public record StoredKey(String id, String key, String userId, List<String> tags, boolean reusable, boolean ephemeral,
            boolean used, Instant expiration, Instant createdAt) {
        /** Whether a machine could join with it now (Headscale's validation). */
        public boolean usableAt(Instant now) {
            return expiration.isAfter(now) && (reusable || !used);
        }
    }

    /** A registered machine. */
    public record StoredNode(String id, String name, String userId, List<String> tags, String ipv4, String ipv6, String preAuthKeyId,
            Instant expiry, Instant createdAt) {
    }

    private final String version;
    final int minor;
    private final String apiKey;
    final FakeHeadscaleShapes shapes;
    private final FakeHeadscalePolicy policyRules;
    private final FakeHeadscaleKeys keyRoutes = new FakeHeadscaleKeys(this);
    final SecureRandom random = new SecureRandom();
    final List<StoredUser> users = new ArrayList<>();
    final List<StoredKey> keys = new ArrayList<>();
    private final List<StoredNode> nodes = new ArrayList<>();
    final AtomicInteger ids = new AtomicInteger();
    private final AtomicBoolean unavailable = new AtomicBoolean();
    private final AtomicBoolean versionEndpoint = new AtomicBoolean(true);
    private final AtomicInteger failAfterActing = new AtomicInteger();
    private final FakeHeadscaleFaults randomFaults = new FakeHeadscaleFaults();
    private final java.util.Map<String, Boolean> online = new java.util.HashMap<>();
    private final List<Targeted> targeted = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile java.util.function.Consumer<String> policyStored = p -> {
    };
    private volatile boolean databaseMode = true;
    private volatile String policy = "";
    private volatile Instant policyUpdated;

    /**
     * @param version the Headscale version to imitate, {@code 0.23.0} to {@code 0.30.0}
     * @param apiKey the API key it accepts
     */
    public FakeHeadscale(String version, String apiKey) throws IOException {
        this(version, apiKey, 8);
    }

    /** A fake answering up to {@code threads} requests at once (for a benchmark). */
    public FakeHeadscale(String version, String apiKey, int threads) throws IOException {
        super(threads);
        Matcher m = Pattern.compile("0\\.(\\d+)\\.(\\d+)").matcher(version);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 23 || Integer.parseInt(m.group(1)) > 30) {
            throw new IllegalArgumentException("the fake imitates Headscale 0.23.0 to 0.30.0, not " + version);
        }
        this.version = version;
        this.minor = Integer.parseInt(m.group(1));
        this.apiKey = apiKey;
        this.shapes = new FakeHeadscaleShapes(minor);
        this.policyRules = new FakeHeadscalePolicy(minor);
        route("GET", "/version", (r, p) -> versionEndpoint.get() ? Response.json(200, shapes.version(version)) : Response.text(404, "404 page not found"));
        route("GET", "/api/v1/.*", this::guarded);
        route("POST", "/api/v1/.*", this::guarded);
        route("PUT", "/api/v1/.*", this::guarded);
        route("DELETE", "/api/v1/.*", this::guarded);
    }

    public String version() {
        return version;
    }

    /** Answer every API call with 503 from a proxy in front (Headscale down behind it), until switched back. */
    public void unavailable(boolean down) {
        unavailable.set(down);
    }

    /** Whether {@code /version} exists (a proxy may not forward it); 404 otherwise. */
    public void versionEndpoint(boolean present) {
        versionEndpoint.set(present);
    }

    /** The next {@code n} calls that change something do it, then answer HTTP 500. */
    public void failNextAfterActing(int n) {
        failAfterActing.set(n);
    }

    /**
     * From now on every API call fails with this probability: a share {@code afterActing} of the
     * failures after the server acted (half answered 500, half with the answer lost), the rest
     * before (503 from the proxy in front). Seeded, so a run can be repeated; 0 turns it off.
     */
    public void randomFaults(double probability, double afterActing, long seed) {
        randomFaults.configure(probability, afterActing, seed);
    }

    /** How many random faults were injected, by kind ({@code before}, {@code after-500}, {@code after-lost}). */
    public java.util.Map<String, Integer> randomFaultCounts() {
        return randomFaults.counts();
    }

    /**
     * The next call of this method and path (for example {@code PUT /api/v1/policy}) is carried out,
     * then its answer is lost: the connection closes without a response.
     */
    public void loseNextAnswer(String method, String path) {
        targeted.add(new Targeted(method, path, 0));
    }

    /**
     * The next call of this method and path is not carried out: a proxy in front answers with this
     * status ({@code 502}, {@code 503}, {@code 504}) and a plain-text body.
     */
    public void refuseNext(String method, String path, int status) {
        targeted.add(new Targeted(method, path, status));
    }

    /** Policy mode {@code file}: the API refuses to store a policy. */
    public void fileMode() {
        databaseMode = false;
    }

    public synchronized StoredUser addUser(String name) {
        StoredUser u = new StoredUser(Integer.toString(users.size() + 1), name, Instant.now());
        users.add(u);
        return u;
    }

    public synchronized List<StoredUser> users() {
        return List.copyOf(users);
    }

    public synchronized List<StoredKey> keys() {
        return List.copyOf(keys);
    }

    /** Keys carrying the tag that a machine could join with now. */
    public synchronized List<StoredKey> usableKeys(String tag) {
        Instant now = Instant.now();
        return keys.stream().filter(k -> k.tags().contains(tag) && k.usableAt(now)).toList();
    }

    public synchronized List<StoredNode> nodes() {
        return List.copyOf(nodes);
    }

    public String policy() {
        return policy;
    }

    /**
     * A machine joins with a key ({@code tailscale up --auth-key KEY}), validated as Headscale does.
     *
     * @throws IllegalStateException with Headscale's reason when the key is unknown, expired or used
     */
    public synchronized StoredNode register(String key, String hostname) {
        int index = findKey(key);
        if (index < 0) {
            throw new IllegalStateException("AuthKey not found");
        }
        StoredKey k = keys.get(index);
        if (!k.expiration().isAfter(Instant.now())) {
            throw new IllegalStateException("AuthKey expired");
        }
        if (k.used() && !k.reusable()) {
            throw new IllegalStateException("AuthKey has already been used");
        }
        keys.set(index, new StoredKey(k.id(), k.key(), k.userId(), k.tags(), k.reusable(), k.ephemeral(), true, k.expiration(), k.createdAt()));
        int n = nodes.size() + 1;
        StoredNode node = new StoredNode(Integer.toString(n), hostname, k.userId(), k.tags(), "100.64.0." + n, "fd7a:115c:a1e0::" + n,
                k.id(), null, Instant.now());
        nodes.add(node);
        online.put(node.id(), true); // tailscale up: the machine connects right after it registered
        return node;
    }

    /**
     * A machine already in the tailnet with these tags (registered earlier, tags set by an admin),
     * online. It has no pre-auth key.
     */
    public synchronized StoredNode join(String hostname, List<String> tags) {
        int n = nodes.size() + 1;
        StoredNode node = new StoredNode(Integer.toString(n), hostname, null, List.copyOf(tags), "100.64.0." + n, "fd7a:115c:a1e0::" + n, null,
                null, Instant.now());
        nodes.add(node);
        online.put(node.id(), true);
        return node;
    }

    /** The machine connects to (true) or drops from (false) the control server. */
    public synchronized void online(String nodeId, boolean connected) {
        if (node(nodeId).isEmpty()) {
            throw new IllegalArgumentException("no node " + nodeId);
        }
        online.put(nodeId, connected);
    }

    /** Whether the machine is connected now. */
    public synchronized boolean online(String nodeId) {
        return online.getOrDefault(nodeId, false);
    }

    /**
     * Runs after each stored policy (inside the server, before it answers), with the policy text:
     * a test makes machines drop or come back the way the tailnet would under that policy.
     */
    public void onPolicyStored(java.util.function.Consumer<String> reaction) {
        policyStored = reaction == null ? p -> {
        } : reaction;
    }

    /** A key is found by its full text (the fake keeps secrets in clear; Headscale 0.28+ keeps prefix + bcrypt). */
    int findKey(String key) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** A fault for the next call of one method and path; status 0 = act, then lose the answer. */
    private record Targeted(String method, String path, int status) {
    }

    private Response guarded(Request r, Matcher path) throws Exception {
        if (unavailable.get()) {
            return Response.text(503, "Service Unavailable");
        }
        Targeted t = targeted.stream().filter(x -> x.method().equals(r.method()) && x.path().equals(r.path())).findFirst().orElse(null);
        if (t != null && t.status() != 0 && targeted.remove(t)) {
            return Response.text(t.status(), t.status() == 503 ? "Service Unavailable" : "Bad Gateway"); // the proxy in front
        }
        String auth = r.header("Authorization");
        if (auth == null || !auth.equals("Bearer " + apiKey)) {
            return Response.text(401, "Unauthorized");
        }
        if (t != null && targeted.remove(t)) {
            handle(r);
            return Response.LOST;
        }
        FakeHeadscaleFaults.Fault fault = randomFaults.roll();
        if (fault == FakeHeadscaleFaults.Fault.BEFORE) {
            return Response.text(503, "Service Unavailable");
        }
        Response answer = handle(r);
        if (fault == FakeHeadscaleFaults.Fault.AFTER_500 && answer.status() == 200) {
            return shapes.error(13, "internal error after the change was stored");
        }
        return fault == FakeHeadscaleFaults.Fault.AFTER_LOST ? Response.LOST : answer;
    }

    private Response handle(Request r) throws Exception {
        String p = r.path().substring("/api/v1".length());
        synchronized (this) {
            return switch (r.method() + " " + p.replaceAll("/\\d+", "/{id}")) {
                case "GET /health" -> Response.json(200, "{\"databaseConnectivity\":true}");
                case "POST /user" -> createUser(body(r));
                case "GET /user" -> listUsers(r);
                case "POST /preauthkey" -> keyRoutes.createKey(body(r));
                case "GET /preauthkey" -> keyRoutes.listKeys(r);
                case "POST /preauthkey/expire" -> keyRoutes.expireKey(body(r));
                case "DELETE /preauthkey" -> minor >= 28 ? keyRoutes.deleteKey(r) : notFoundRoute(r);
                case "GET /node" -> listNodes();
                case "GET /node/{id}" -> node(idOf(p)).map(n -> Response.json(200, wrap("node", nodeJson(n)))).orElseGet(() -> noNode(p));
                case "DELETE /node/{id}" -> deleteNode(p);
                case "POST /node/{id}/expire" -> expireNode(p);
                case "GET /policy" -> getPolicy();
                case "PUT /policy" -> putPolicy(body(r));
                default -> notFoundRoute(r);
            };
        }
    }

    private Response createUser(JsonNode b) {
        String name = b.path("name").asText("");
        if (name.isBlank()) {
            return shapes.error(3, "user name is required");
        }
        if (users.stream().anyMatch(u -> u.name().equals(name))) {
            // up to 0.29 a database constraint surfaces as an internal error; 0.30 answers 409
            return shapes.error(minor >= 30 ? 6 : 13, "user '" + name + "' already exists");
        }
        return acted(Response.json(200, wrap("user", shapes.user(addUser(name)))));
    }

    private Response listUsers(Request r) {
        String name = query(r, "name");
        String id = query(r, "id");
        ObjectNode out = FakeHeadscaleShapes.JSON.createObjectNode();
        var array = out.putArray("users");
        users.stream().filter(u -> name == null || u.name().equals(name)).filter(u -> id == null || u.id().equals(id))
                .forEach(u -> array.add(shapes.user(u)));
        return Response.json(200, out.toString());
    }

    private Response listNodes() {
        ObjectNode out = FakeHeadscaleShapes.JSON.createObjectNode();
        var array = out.putArray("nodes");
        nodes.forEach(n -> array.add(nodeJson(n)));
        return Response.json(200, out.toString());
    }

    private Response deleteNode(String p) {
        Optional<StoredNode> n = node(idOf(p));
        if (n.isEmpty()) {
            return noNode(p);
        }
        nodes.remove(n.get());
        return acted(Response.json(200, "{}"));
    }

    private Response expireNode(String p) {
        Optional<StoredNode> found = node(idOf(p));
        if (found.isEmpty()) {
            return noNode(p);
        }
        StoredNode n = found.get();
        StoredNode expired = new StoredNode(n.id(), n.name(), n.userId(), n.tags(), n.ipv4(), n.ipv6(), n.preAuthKeyId(), Instant.now(), n.createdAt());
        nodes.set(nodes.indexOf(n), expired);
        return acted(Response.json(200, wrap("node", nodeJson(expired))));
    }

    private Response getPolicy() {
        if (!databaseMode) {
            return shapes.error(13, "loading ACL from database: policy mode is 'file', not 'database'");
        }
        ObjectNode out = FakeHeadscaleShapes.JSON.createObjectNode().put("policy", policy);
        if (policyUpdated == null) {
            out.putNull("updatedAt");
        } else {
            out.put("updatedAt", FakeHeadscaleShapes.time(policyUpdated));
        }
        return Response.json(200, out.toString());
    }

    private Response putPolicy(JsonNode b) {
        if (!databaseMode) {
            return shapes.error(13, "update is disabled for modes other than 'database'");
        }
        String text = b.path("policy").asText("");
        Optional<String> problem = policyRules.problem(text);
        if (problem.isPresent()) {
            return shapes.error(13, "setting policy: " + problem.get());
        }
        policy = text;
        policyUpdated = Instant.now();
        policyStored.accept(text);
        return acted(Response.json(200, FakeHeadscaleShapes.JSON.createObjectNode().put("policy", policy)
                .put("updatedAt", FakeHeadscaleShapes.time(policyUpdated)).toString()));
    }

    private ObjectNode nodeJson(StoredNode n) {
        StoredKey k = keys.stream().filter(x -> x.id().equals(n.preAuthKeyId())).findFirst().orElse(null);
        // From 0.28 a tagged machine belongs to no user; Headscale shows the special user tagged-devices.
        StoredUser owner = minor >= 28 && !n.tags().isEmpty() ? new StoredUser("2147455555", "tagged-devices", n.createdAt()) : user(n.userId());
        return shapes.node(n, owner, k == null ? null : shapes.key(k, user(k.userId()), false), online.getOrDefault(n.id(), false));
    }

    private Optional<StoredNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** Up to 0.29 an unknown node ID is an internal error (500); 0.30 answers 404. */
    private Response noNode(String p) {
        return shapes.error(minor >= 30 ? 5 : 13, "node " + idOf(p) + " not found: record not found");
    }

    private Response notFoundRoute(Request r) {
        return Response.text(404, "Not Found");
    }

    StoredUser user(String id) {
        return id == null ? null : users.stream().filter(u -> u.id().equals(id)).findFirst().orElse(null);
    }

    Response acted(Response ok) {
        if (failAfterActing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return shapes.error(13, "internal error after the change was stored");
        }
        return ok;
    }

    private static JsonNode body(Request r) throws IOException {
        return r.body().isBlank() ? FakeHeadscaleShapes.JSON.createObjectNode() : FakeHeadscaleShapes.JSON.readTree(r.body());
    }

    private static String idOf(String path) {
        Matcher m = Pattern.compile("/(\\d+)").matcher(path);
        return m.find() ? m.group(1) : "";
    }

    static String query(Request r, String name) {
        if (r.query() == null) {
            return null;
        }
        for (String pair : r.query().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static String wrap(String field, JsonNode value) {
        ObjectNode o = FakeHeadscaleShapes.JSON.createObjectNode();
        o.set(field, value);
        return o.toString();
    }
}
