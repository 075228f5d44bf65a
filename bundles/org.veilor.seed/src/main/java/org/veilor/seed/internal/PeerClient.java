package org.veilor.seed.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.veilor.seed.Announcement;
import org.veilor.seed.NodeId;

/**
 * Talks to another seed node's transport endpoints: {@code GET hello} (who it is, which topics it
 * follows), {@code POST announce} (a batch of announcements) and {@code GET lookup} (what it knows
 * of a name). Answers are read with a size limit; timeouts bound every call.
 */
final class PeerClient {

    /** What a peer says about itself. */
    record Hello(NodeId node, Set<String> topics) {
    }

    private static final int MAX_ANSWER = 8 << 20;

    private final Duration timeout;

    PeerClient(Duration timeout) {
        this.timeout = timeout;
    }

    Hello hello(InetSocketAddress peer) throws IOException {
        JsonNode j = get(peer, "/hello");
        Set<String> topics = new LinkedHashSet<>();
        j.path("topics").forEach(t -> topics.add(t.asText()));
        try {
            return new Hello(NodeId.parse(j.path("node").asText()), topics);
        } catch (IllegalArgumentException e) {
            throw new IOException(Addresses.format(peer) + " answered hello without a valid node id", e);
        }
    }

    /** Sends announcements on behalf of node {@code from}; returns how many the peer took as new. */
    int announce(InetSocketAddress peer, NodeId from, List<Announcement> batch) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode o = AnnouncementJson.MAPPER.createObjectNode();
        o.put("from", from.toHex()); // lets the peer pass them on to everyone but us
        o.set("announcements", AnnouncementJson.writeAll(batch));
        byte[] body = AnnouncementJson.MAPPER.writeValueAsBytes(o);
        HttpURLConnection c = open(peer, "/announce");
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        return read(peer, c).path("accepted").asInt();
    }

    List<Announcement> lookup(InetSocketAddress peer, String service, String name) throws IOException {
        JsonNode j = get(peer, "/lookup?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8) + "&name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8));
        return AnnouncementJson.readAll(j.path("announcements"), new ArrayList<>());
    }

    private JsonNode get(InetSocketAddress peer, String path) throws IOException {
        return read(peer, open(peer, path));
    }

    private HttpURLConnection open(InetSocketAddress peer, String path) throws IOException {
        String host = peer.isUnresolved() ? peer.getHostString() : peer.getAddress().getHostAddress();
        URL url = new URL("http", host.contains(":") ? "[" + host + "]" : host, peer.getPort(), HttpBlobTransport.PREFIX + path);
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout((int) timeout.toMillis());
        c.setReadTimeout((int) timeout.toMillis());
        c.setRequestProperty("Accept", "application/json");
        return c;
    }

    private static JsonNode read(InetSocketAddress peer, HttpURLConnection c) throws IOException {
        int status;
        try {
            status = c.getResponseCode();
        } catch (IOException e) {
            throw new IOException(Addresses.format(peer) + ": " + e.getMessage(), e);
        }
        if (status != 200) {
            c.disconnect();
            throw new IOException(Addresses.format(peer) + " answered HTTP " + status + " to " + c.getURL().getPath());
        }
        try (InputStream in = c.getInputStream()) {
            byte[] b = in.readNBytes(MAX_ANSWER + 1);
            if (b.length > MAX_ANSWER) {
                throw new IOException(Addresses.format(peer) + " answered more than " + MAX_ANSWER + " bytes");
            }
            return AnnouncementJson.MAPPER.readTree(b);
        }
    }
}
