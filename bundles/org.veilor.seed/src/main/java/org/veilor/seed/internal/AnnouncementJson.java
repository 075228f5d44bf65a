package org.veilor.seed.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.veilor.seed.Announcement;
import org.veilor.seed.BlobTicket;
import org.veilor.seed.NodeId;
import org.veilor.seed.blake3.Blake3Hash;

/**
 * Announcements on the wire: {@code {"v":1, "topic", "service", "name", "hash", "size", "ticket",
 * "issued", "node", "sig"}}. The topic is carried for receivers that route by it and checked
 * against the service; the signature covers every field (see {@link Announcement#signedBytes()}).
 */
final class AnnouncementJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private AnnouncementJson() {
    }

    static ObjectNode write(Announcement a) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("v", 1);
        o.put("topic", a.topic().toHex());
        o.put("service", a.service());
        o.put("name", a.name());
        o.put("hash", a.hash().toHex());
        o.put("size", a.size());
        o.put("ticket", a.ticket().encode());
        o.put("issued", a.issued().getEpochSecond());
        o.put("node", a.node().toHex());
        o.put("sig", HexFormat.of().formatHex(a.signature()));
        return o;
    }

    static ArrayNode writeAll(List<Announcement> list) {
        ArrayNode arr = MAPPER.createArrayNode();
        list.forEach(a -> arr.add(write(a)));
        return arr;
    }

    /**
     * Reads one announcement (the signature is not checked here; see {@link Announcement#problem}).
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    static Announcement read(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("an announcement must be a JSON object");
        }
        if (o.path("v").asInt(-1) != 1) {
            throw new IllegalArgumentException("unsupported announcement version " + o.path("v"));
        }
        String service = text(o, "service");
        Announcement a = new Announcement(service, text(o, "name"), Blake3Hash.parse(text(o, "hash")), number(o, "size"),
                BlobTicket.parse(text(o, "ticket")), Instant.ofEpochSecond(number(o, "issued")), NodeId.parse(text(o, "node")),
                hex(text(o, "sig")));
        if (o.has("topic") && !a.topic().toHex().equals(text(o, "topic"))) {
            throw new IllegalArgumentException("topic " + text(o, "topic") + " is not the topic of service " + service);
        }
        return a;
    }

    /** Reads the announcements of an array; each bad one is reported by index in {@code problems}. */
    static List<Announcement> readAll(JsonNode arr, List<String> problems) {
        List<Announcement> out = new ArrayList<>();
        if (arr == null || !arr.isArray()) {
            problems.add("no announcements array");
            return out;
        }
        for (int i = 0; i < arr.size(); i++) {
            try {
                out.add(read(arr.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add("announcements[" + i + "]: " + e.getMessage());
            }
        }
        return out;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not text");
        }
        return v.asText();
    }

    private static long number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a whole number");
        }
        return v.asLong();
    }

    private static byte[] hex(String s) {
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'sig' is not hex", e);
        }
    }
}
