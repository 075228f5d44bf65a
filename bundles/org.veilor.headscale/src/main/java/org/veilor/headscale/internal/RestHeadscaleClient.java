package org.veilor.headscale.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.HeadscaleException.Kind;
import org.veilor.headscale.HeadscaleNode;
import org.veilor.headscale.HeadscaleUser;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.PreAuthKey;
import org.veilor.headscale.PreAuthKeyRequest;
import org.veilor.headscale.ServerVersion;
import org.veilor.headscale.StoredPolicy;

/**
 * {@link HeadscaleClient} over the REST API, following the version tables of mesh-radio.md §2.3:
 * a key's user by name (≤ 0.25), by ID (0.26–0.27) or optional (0.28+); keys listed per user before
 * 0.28; expired by user + key text before 0.28, by ID after. IDs and names are sent as JSON strings
 * in camelCase, which every version (and 0.30's hand-written API) accepts.
 */
public final class RestHeadscaleClient implements HeadscaleClient {

    private final HeadscaleHttp http;
    private final HeadscaleVersion configured;
    private volatile ServerVersion known;

    RestHeadscaleClient(ClientSettings settings) {
        this.http = new HeadscaleHttp(settings.serverUrl(), new ApiKeyFile(settings.apiKeyFile()), settings.timeout());
        this.configured = settings.version();
    }

    /** A client outside OSGi (tests, tools): server URL, API key file, version assumed when /version is unreadable. */
    public static RestHeadscaleClient create(String serverUrl, java.nio.file.Path apiKeyFile, HeadscaleVersion configured,
            java.time.Duration timeout) {
        return new RestHeadscaleClient(new ClientSettings(serverUrl, apiKeyFile, configured, timeout));
    }

    @Override
    public String serverUrl() {
        return http.baseUrl();
    }

    @Override
    public ServerVersion serverVersion() {
        ServerVersion v = known;
        return v != null ? v : refreshVersion();
    }

    @Override
    public ServerVersion refreshVersion() {
        String where = http.baseUrl() + "/version";
        HttpResponse<String> r;
        try {
            r = http.getVersion();
        } catch (HeadscaleException e) {
            // not cached: the next call tries again
            return new ServerVersion(configured, false, "configured; " + where + " could not be read: " + e.getMessage());
        }
        ServerVersion v;
        String text = versionText(r.body());
        if (r.statusCode() != 200) {
            v = new ServerVersion(configured, false, "configured; " + where + " answered HTTP " + r.statusCode());
        } else {
            try {
                v = new ServerVersion(HeadscaleVersion.parse(text), true, "read from " + where);
            } catch (IllegalArgumentException e) {
                v = new ServerVersion(configured, false, "configured; " + where + " reports '" + text + "', not a release version");
            }
        }
        known = v;
        return v;
    }

    /** {@code /version} answers JSON {@code {"version": "v0.29.2", "commit": …}}; plain text is accepted too. */
    private static String versionText(String body) {
        String b = body == null ? "" : body.strip();
        try {
            JsonNode json = HeadscaleHttp.JSON.readTree(b);
            if (json != null && json.hasNonNull("version")) {
                return json.get("version").asText();
            }
        } catch (IOException e) {
            // not JSON: plain text
        }
        return b.length() > 40 ? b.substring(0, 40) : b;
    }

    private HeadscaleVersion version() {
        return serverVersion().version();
    }

    @Override
    public boolean health() throws HeadscaleException {
        JsonNode r = http.api("check its health", "GET", "/health", null);
        return !r.has("databaseConnectivity") || r.get("databaseConnectivity").asBoolean();
    }

    @Override
    public HeadscaleUser createUser(String name) throws HeadscaleException {
        ObjectNode body = HeadscaleHttp.JSON.createObjectNode().put("name", name);
        JsonNode r = http.api("create user '" + name + "'", "POST", "/user", body);
        HeadscaleUser u = HeadscaleJson.user(r.get("user"));
        if (u == null) {
            throw new HeadscaleException(Kind.BAD_RESPONSE, "Headscale created user '" + name + "' but did not return it");
        }
        return u;
    }

    @Override
    public List<HeadscaleUser> listUsers() throws HeadscaleException {
        return HeadscaleJson.users(http.api("list users", "GET", "/user", null).get("users"));
    }

    @Override
    public PreAuthKey createPreAuthKey(PreAuthKeyRequest req) throws HeadscaleException {
        HeadscaleVersion v = version();
        ObjectNode body = HeadscaleHttp.JSON.createObjectNode();
        if (req.user() == null && v.keysNeedUser()) {
            throw new HeadscaleException(Kind.UNSUPPORTED, "Headscale " + v + " needs a user for every pre-auth key (tagged keys without user come with 0.28): name one");
        }
        if (req.user() != null) {
            body.put("user", v.userReference() == HeadscaleVersion.UserReference.NAME ? req.user() : userId(req.user()));
        }
        body.put("reusable", req.reusable()).put("ephemeral", req.ephemeral())
                .put("expiration", req.expiration().truncatedTo(ChronoUnit.MILLIS).toString());
        com.fasterxml.jackson.databind.node.ArrayNode tags = body.putArray("aclTags");
        req.tags().forEach(tags::add);
        JsonNode r = http.api("create a pre-auth key" + (req.tags().isEmpty() ? "" : " tagged " + String.join(",", req.tags())),
                "POST", "/preauthkey", body);
        JsonNode key = r.get("preAuthKey");
        if (key == null || key.isNull()) {
            throw new HeadscaleException(Kind.BAD_RESPONSE, "Headscale created a pre-auth key but its answer has no preAuthKey");
        }
        return HeadscaleJson.preAuthKey(key);
    }

    @Override
    public List<PreAuthKey> listPreAuthKeys() throws HeadscaleException {
        HeadscaleVersion v = version();
        if (v.listsAllKeys()) {
            return HeadscaleJson.preAuthKeys(http.api("list pre-auth keys", "GET", "/preauthkey", null).get("preAuthKeys"));
        }
        List<PreAuthKey> all = new ArrayList<>();
        for (HeadscaleUser u : listUsers()) {
            String ref = v.userReference() == HeadscaleVersion.UserReference.NAME ? u.name() : u.id();
            JsonNode r = http.api("list the pre-auth keys of user '" + u.name() + "'", "GET", "/preauthkey?user=" + encode(ref), null);
            all.addAll(HeadscaleJson.preAuthKeys(r.get("preAuthKeys")));
        }
        return all;
    }

    @Override
    public void expirePreAuthKey(PreAuthKey key) throws HeadscaleException {
        HeadscaleVersion v = version();
        ObjectNode body = HeadscaleHttp.JSON.createObjectNode();
        if (!v.keysNeedUser()) {
            body.put("id", key.id());
        } else {
            if (!key.hasSecret() || key.user() == null) {
                throw new HeadscaleException(Kind.UNSUPPORTED, "Headscale " + v + " expires a key by its user and full text; key "
                        + key.id() + " was given without them");
            }
            if (v.userReference() == HeadscaleVersion.UserReference.NAME) {
                body.put("user", key.user().name());
            } else {
                body.put("user", key.user().id() != null ? key.user().id() : userId(key.user().name()));
            }
            body.put("key", key.key());
        }
        http.api("expire pre-auth key " + key.id(), "POST", "/preauthkey/expire", body);
    }

    @Override
    public List<HeadscaleNode> listNodes() throws HeadscaleException {
        return HeadscaleJson.nodes(http.api("list nodes", "GET", "/node", null).get("nodes"));
    }

    @Override
    public HeadscaleNode expireNode(String nodeId) throws HeadscaleException {
        JsonNode r = http.api("expire node " + nodeId, "POST", "/node/" + checkId(nodeId) + "/expire", null);
        JsonNode node = r.get("node");
        if (node == null || node.isNull()) {
            throw new HeadscaleException(Kind.BAD_RESPONSE, "Headscale expired node " + nodeId + " but did not return it");
        }
        return HeadscaleJson.node(node);
    }

    @Override
    public void deleteNode(String nodeId) throws HeadscaleException {
        http.api("delete node " + nodeId, "DELETE", "/node/" + checkId(nodeId), null);
    }

    @Override
    public String getPolicy() throws HeadscaleException {
        return readPolicy().text();
    }

    @Override
    public void setPolicy(String hujson) throws HeadscaleException {
        storePolicy(hujson);
    }

    @Override
    public StoredPolicy readPolicy() throws HeadscaleException {
        return HeadscaleJson.policy(http.api("read the policy", "GET", "/policy", null));
    }

    @Override
    public StoredPolicy storePolicy(String hujson) throws HeadscaleException {
        return HeadscaleJson.policy(http.api("store the policy", "PUT", "/policy", HeadscaleHttp.JSON.createObjectNode().put("policy", hujson)));
    }

    private String userId(String name) throws HeadscaleException {
        return findUser(name).map(HeadscaleUser::id).orElseThrow(() -> new HeadscaleException(Kind.NOT_FOUND,
                "Headscale at " + http.baseUrl() + " has no user named '" + name + "' (create it with 'headscale users create " + name + "')"));
    }

    private static String checkId(String id) throws HeadscaleException {
        if (id == null || !id.matches("\\d{1,20}")) {
            throw new HeadscaleException(Kind.REJECTED, "'" + id + "' is not a Headscale ID (a number)");
        }
        return id;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
