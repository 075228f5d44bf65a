package org.veilor.testsupport.bootc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds {@code bootc status --format=json} documents in the current schema's shape (the same as
 * {@code bootc-current-staged.json}, see SOURCES.md), for test scenarios that move a host through
 * check, stage, reboot and rollback.
 */
public final class BootcHostJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BootcHostJson() {
    }

    /**
     * One deployment's image.
     *
     * @param image the reference bootc tracks ({@code ghcr.io/veilor/veilor-os:43})
     * @param digest its manifest digest
     * @param version the version label
     * @param timestamp the build time (RFC 3339)
     * @param signature {@code containerPolicy}, {@code insecure}, or an ostree remote name prefixed {@code remote:}
     * @param serial the OSTree deploy serial
     */
    public record Entry(String image, String digest, String version, String timestamp, String signature, int serial,
            boolean pinned) {

        /** A signed (containerPolicy) entry; the digest is {@code sha256:} and the hex byte repeated 32 times. */
        public static Entry of(String image, String hexByte, String version) {
            return new Entry(image, "sha256:" + hexByte.repeat(32), version, "2026-01-01T00:00:00Z", "containerPolicy", 0,
                    false);
        }

        public Entry withSignature(String newSignature) {
            return new Entry(image, digest, version, timestamp, newSignature, serial, pinned);
        }

        public Entry withSerial(int newSerial) {
            return new Entry(image, digest, version, timestamp, signature, newSerial, pinned);
        }
    }

    /** A host; any entry may be null. {@code cachedUpdate} is what the last {@code upgrade --check} found. */
    public static String host(Entry booted, Entry staged, Entry rollback, Entry cachedUpdate) {
        ObjectNode root = JSON.createObjectNode();
        root.put("apiVersion", "org.containers.bootc/v1");
        root.put("kind", "BootcHost");
        root.putObject("metadata").put("name", "host");
        ObjectNode spec = root.putObject("spec");
        if (booted == null) {
            spec.putNull("image");
        } else {
            spec.set("image", reference(booted));
        }
        spec.put("bootOrder", "default");
        ObjectNode status = root.putObject("status");
        status.set("staged", entry(staged, null));
        status.set("booted", entry(booted, cachedUpdate));
        status.set("rollback", entry(rollback, null));
        status.putArray("otherDeployments");
        status.put("rollbackQueued", false);
        status.put("type", booted == null ? null : "bootcHost");
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode entry(Entry e, Entry cached) {
        if (e == null) {
            return null;
        }
        ObjectNode n = JSON.createObjectNode();
        n.set("image", imageStatus(e));
        n.set("cachedUpdate", cached == null ? null : imageStatus(cached));
        n.put("incompatible", false);
        n.put("pinned", e.pinned());
        n.put("softRebootCapable", false);
        n.put("downloadOnly", false);
        n.put("store", "ostreeContainer");
        ObjectNode ostree = n.putObject("ostree");
        ostree.put("checksum", e.digest().substring(7).replace('a', 'c'));
        ostree.put("deploySerial", e.serial());
        ostree.put("stateroot", "default");
        return n;
    }

    private static ObjectNode imageStatus(Entry e) {
        ObjectNode n = JSON.createObjectNode();
        n.set("image", reference(e));
        n.put("version", e.version());
        n.put("timestamp", e.timestamp());
        n.put("imageDigest", e.digest());
        n.put("architecture", "amd64");
        return n;
    }

    private static ObjectNode reference(Entry e) {
        ObjectNode r = JSON.createObjectNode();
        r.put("image", e.image());
        r.put("transport", "registry");
        if (e.signature().startsWith("remote:")) {
            r.putObject("signature").put("ostreeRemote", e.signature().substring("remote:".length()));
        } else {
            r.put("signature", e.signature());
        }
        return r;
    }
}
