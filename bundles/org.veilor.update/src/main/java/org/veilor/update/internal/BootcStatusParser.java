package org.veilor.update.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads {@code bootc status --format=json}: an {@code org.containers.bootc/v1} {@code BootcHost}
 * (bootc's {@code docs/src/host-v1.schema.json}). Tolerant as a client of a Kubernetes-style
 * resource must be: fields it does not know are ignored, optional fields may be missing or null
 * (bootc 1.1 has no {@code architecture} or {@code stateroot}; later releases add fields). What is
 * not such a document at all — not JSON, another kind, a deployment without its image digest — is
 * refused with a message saying what was found.
 */
public final class BootcStatusParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 120;

    private BootcStatusParser() {
    }

    /** @throws BootcException (kind GARBAGE) naming what is wrong */
    public static BootcHost parse(String text) throws BootcException {
        JsonNode root;
        try {
            root = JSON.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw garbage("it is not JSON (" + e.getOriginalMessage() + ")", text);
        }
        if (root == null || !root.isObject()) {
            throw garbage("it is not a JSON object", text);
        }
        String kind = root.path("kind").asText("");
        String api = root.path("apiVersion").asText("");
        if (!kind.equals("BootcHost") || !api.startsWith("org.containers.bootc/")) {
            throw garbage("expected apiVersion org.containers.bootc/v1 and kind BootcHost, found apiVersion '" + api
                    + "' and kind '" + kind + "'", text);
        }
        JsonNode status = root.path("status");
        return new BootcHost(api, entry(status.path("booted"), "booted", text), entry(status.path("staged"), "staged", text),
                entry(status.path("rollback"), "rollback", text), status.path("rollbackQueued").asBoolean(false));
    }

    private static BootcHost.Entry entry(JsonNode e, String which, String text) throws BootcException {
        if (e.isMissingNode() || e.isNull()) {
            return null;
        }
        if (!e.isObject()) {
            throw garbage("status." + which + " is not an object", text);
        }
        JsonNode ostree = e.path("ostree");
        JsonNode serial = ostree.path("deploySerial");
        return new BootcHost.Entry(image(e.path("image"), "status." + which + ".image", text),
                image(e.path("cachedUpdate"), "status." + which + ".cachedUpdate", text), e.path("pinned").asBoolean(false),
                e.path("incompatible").asBoolean(false), serial.isIntegralNumber() ? serial.asInt() : null,
                text(ostree.path("checksum")), text(ostree.path("stateroot")));
    }

    private static BootcHost.Image image(JsonNode i, String where, String text) throws BootcException {
        if (i.isMissingNode() || i.isNull()) {
            return null;
        }
        JsonNode ref = i.path("image");
        String image = text(ref.path("image"));
        String digest = text(i.path("imageDigest"));
        if (image == null || digest == null) {
            throw garbage(where + " lacks " + (image == null ? "image.image" : "imageDigest")
                    + ", which the schema requires", text);
        }
        return new BootcHost.Image(image, text(ref.path("transport")), signature(ref.path("signature")), digest,
                text(i.path("version")), text(i.path("timestamp")));
    }

    /** {@code ImageSignature}: the strings {@code containerPolicy} / {@code insecure}, or {@code {ostreeRemote: NAME}}. */
    private static String signature(JsonNode s) {
        if (s.isTextual()) {
            return s.asText();
        }
        if (s.isObject() && s.path("ostreeRemote").isTextual()) {
            return "ostreeRemote:" + s.path("ostreeRemote").asText();
        }
        return null;
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    private static BootcException garbage(String what, String text) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return new BootcException(BootcException.Kind.GARBAGE, "bootc status printed something that is not its JSON status: "
                + what + (t.isEmpty() ? "; it printed nothing" : "; it begins: " + (t.length() > SHOWN ? t.substring(0, SHOWN) + "…" : t)));
    }
}
