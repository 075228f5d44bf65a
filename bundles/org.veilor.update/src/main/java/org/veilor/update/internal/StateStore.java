package org.veilor.update.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.veilor.core.FileAttrs;
import org.veilor.core.Finding;
import org.veilor.core.Host;

/**
 * Keeps {@link UpdateState} in one JSON file through the Host seam, written atomically (0600 in a
 * 0700 folder). A file that cannot be read is never overwritten: the agent then reports it and does
 * nothing automatic (it could not know whether it already rolled back), leaving the file for an
 * admin to look at.
 */
public final class StateStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Host host;
    private final String path;

    public StateStore(Host host, String path) {
        this.host = host;
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** The state; empty when there is no file yet. @throws IOException when the file exists but is unusable */
    public UpdateState load() throws IOException {
        if (!host.exists(path)) {
            return UpdateState.empty();
        }
        try {
            return read(JSON.readTree(host.readString(path)));
        } catch (IOException | RuntimeException e) {
            throw new IOException("the update state " + path + " cannot be read ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); the agent does nothing automatic"
                    + " until it is fixed or removed", e);
        }
    }

    public void save(UpdateState state) throws IOException {
        String parent = path.substring(0, path.lastIndexOf('/'));
        if (!parent.isEmpty()) {
            host.mkdirs(parent, FileAttrs.PRIVATE_FOLDER);
        }
        host.writeAtomic(path, JSON.writeValueAsString(write(state)).getBytes(StandardCharsets.UTF_8), FileAttrs.PRIVATE);
    }

    /** The state, or null with an error finding when it cannot be read. */
    public UpdateState loadOrReport(List<Finding> findings) {
        try {
            return load();
        } catch (IOException e) {
            findings.add(Finding.error("update.state", e.getMessage(), path));
            return null;
        }
    }

    /** Saves; false with an error finding when that fails. */
    public boolean saveOrReport(UpdateState state, List<Finding> findings) {
        try {
            save(state);
            return true;
        } catch (IOException e) {
            findings.add(Finding.error("update.state", "cannot save the update state " + path + ": " + e.getMessage(), path));
            return false;
        }
    }

    static ObjectNode write(UpdateState s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        s.healthy().forEach(root.putArray("healthy")::add);
        if (s.watching() != null) {
            ObjectNode w = root.putObject("watching");
            w.put("digest", s.watching().digest());
            w.put("version", s.watching().version());
            w.put("bootId", s.watching().bootId());
            w.put("since", s.watching().since().toString());
        }
        var bad = root.putArray("bad");
        for (UpdateState.Bad b : s.bad()) {
            ObjectNode n = bad.addObject();
            n.put("digest", b.digest());
            n.put("version", b.version());
            n.put("at", b.at().toString());
            n.put("by", b.by());
            n.put("reason", b.reason());
            n.put("rollback", b.rollback());
        }
        return root;
    }

    static UpdateState read(JsonNode root) throws IOException {
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        List<String> healthy = new ArrayList<>();
        for (JsonNode d : root.path("healthy")) {
            healthy.add(required(d, "healthy[]"));
        }
        UpdateState.Watching watching = null;
        JsonNode w = root.path("watching");
        if (w.isObject()) {
            watching = new UpdateState.Watching(required(w.path("digest"), "watching.digest"), w.path("version").asText(null),
                    w.path("bootId").asText("unknown"), instant(w.path("since"), "watching.since"));
        }
        List<UpdateState.Bad> bad = new ArrayList<>();
        for (JsonNode b : root.path("bad")) {
            bad.add(new UpdateState.Bad(required(b.path("digest"), "bad[].digest"), b.path("version").asText(null),
                    instant(b.path("at"), "bad[].at"), b.path("by").asText("health"), b.path("reason").asText(""),
                    b.path("rollback").asText("")));
        }
        return new UpdateState(healthy, watching, bad);
    }

    private static String required(JsonNode n, String what) throws IOException {
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new IOException(what + " is missing");
        }
        return n.asText();
    }

    private static Instant instant(JsonNode n, String what) throws IOException {
        try {
            return Instant.parse(required(n, what));
        } catch (DateTimeParseException e) {
            throw new IOException(what + " is not a time: " + n.asText());
        }
    }
}
