package org.veilor.seed.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Objects;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Points Karaf's HTTP service (pax-web, PID {@code org.ops4j.pax.web}) at the seed transport's
 * address and port, so the one setting that matters — the seed port of the tier policy — lives in
 * {@code org.veilor.seed}. The gateway also answers on loopback, for the node's own clients. The
 * configuration is written only when it differs: pax-web restarts its server on every update.
 */
final class HttpListener {

    static final String PID = "org.ops4j.pax.web";
    static final String PORT = "org.osgi.service.http.port";
    static final String ADDRESSES = "org.ops4j.pax.web.listening.addresses";

    private HttpListener() {
    }

    /** The listening addresses for a transport address: it, plus loopback. */
    static String addresses(SeedSettings s) {
        String a = s.transportAddress().getHostAddress();
        return s.transportAddress().isLoopbackAddress() ? a : a + ",127.0.0.1";
    }

    /** Returns whether the configuration had to change. */
    static boolean apply(ConfigurationAdmin cm, SeedSettings s) throws IOException {
        Configuration c = cm.getConfiguration(PID, "?");
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        String port = String.valueOf(s.transportPort());
        String addresses = addresses(s);
        if (Objects.equals(String.valueOf(props.get(PORT)), port) && Objects.equals(String.valueOf(props.get(ADDRESSES)), addresses)
                && "true".equals(String.valueOf(props.get("org.osgi.service.http.enabled")))) {
            return false;
        }
        props.put(PORT, port);
        props.put(ADDRESSES, addresses);
        props.put("org.osgi.service.http.enabled", "true");
        c.update(props);
        return true;
    }
}
