package org.veilor.seed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.veilor.seed.blake3.Blake3Hash;

/**
 * "Node N holds blob H of S bytes, named NAME in SERVICE; fetch it with TICKET", signed with N's
 * Ed25519 key. Receivers verify the signature, that the ticket points at N and names H, before they
 * store or spread it. The signed bytes are {@link #signedBytes()}: a domain string, then each field
 * with a varint length, so no field can bleed into another.
 *
 * <p>On the wire (JSON) an announcement is {@code {"v":1, "topic", "service", "name", "hash",
 * "size", "ticket", "issued" (epoch seconds), "node", "sig" (hex)}}.
 */
public record Announcement(String service, String name, Blake3Hash hash, long size, BlobTicket ticket,
        Instant issued, NodeId node, byte[] signature) {

    private static final String DOMAIN = "veilor-seed announcement v1";

    public Announcement {
        Topics.checkService(service);
        Topics.checkName(name);
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(issued, "issued");
        Objects.requireNonNull(node, "node");
        if (size < 0) {
            throw new IllegalArgumentException("negative blob size " + size);
        }
        issued = Instant.ofEpochSecond(issued.getEpochSecond());
        signature = signature == null ? new byte[0] : signature.clone();
    }

    /** Signs a new announcement with this node's key; the node id is taken from the ticket. */
    public static Announcement sign(String service, String name, long size, BlobTicket ticket, Instant issued,
            PrivateKey key) {
        Announcement unsigned = new Announcement(service, name, ticket.hash(), size, ticket, issued, ticket.endpoint(), null);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(unsigned.signedBytes());
            return new Announcement(service, name, ticket.hash(), size, ticket, issued, ticket.endpoint(), s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with an Ed25519 key: " + e.getMessage(), e);
        }
    }

    /** The service's topic id. */
    public Blake3Hash topic() {
        return Topics.of(service);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The bytes the signature covers. */
    public byte[] signedBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, DOMAIN.getBytes(StandardCharsets.UTF_8));
        field(out, topic().bytes());
        field(out, service.getBytes(StandardCharsets.UTF_8));
        field(out, name.getBytes(StandardCharsets.UTF_8));
        field(out, hash.bytes());
        Postcard.varint(out, size);
        field(out, ticket.toBytes());
        Postcard.varint(out, issued.getEpochSecond());
        field(out, node.bytes());
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, byte[] b) {
        Postcard.varint(out, b.length);
        out.writeBytes(b);
    }

    /**
     * Why this announcement must be refused, or {@code null} when it holds: a bad signature, a ticket
     * naming another node or another blob, a time too far in the future.
     */
    public String problem(Instant now) {
        if (!ticket.endpoint().equals(node)) {
            return "its ticket points at " + ticket.endpoint().toShortHex() + ", not at the announcing node " + node.toShortHex();
        }
        if (!ticket.hash().equals(hash)) {
            return "its ticket names blob " + ticket.hash().toShortHex() + ", not " + hash.toShortHex();
        }
        if (issued.isAfter(now.plusSeconds(300))) {
            return "it was issued in the future (" + issued + ")";
        }
        if (signature.length != 64 || !node.verifies(signedBytes(), signature)) {
            return "its signature does not verify against node " + node.toShortHex();
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Announcement a && Arrays.equals(signedBytes(), a.signedBytes())
                && Arrays.equals(signature, a.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "Announcement[" + service + "/" + name + " = " + hash.toShortHex() + " (" + size + " bytes) by "
                + node.toShortHex() + " at " + issued + "]";
    }
}
