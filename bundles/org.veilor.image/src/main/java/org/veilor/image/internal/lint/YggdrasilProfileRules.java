package org.veilor.image.internal.lint;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.veilor.core.Finding;
import org.veilor.image.internal.NodeRuntime;

/**
 * The node profile's L3b values are per-deployment placeholders until the operator edits them
 * (config/node/etc/org.veilor.mesh.yggdrasil.cfg, carried in the tree as the node profile): warn
 * while AllowedPublicKeys still holds the EXAMPLE key or a peer is still an example host. The
 * example key is the public key of the all-zero Ed25519 seed, a published test vector (spec
 * mesh-radio.md §1.5) whose private key anybody can derive. Warnings, not errors: the profile is
 * valid and the layer runs; it just does not yet trust the operator or reach a real peer.
 */
final class YggdrasilProfileRules implements LintRule {

    static final String FILE = "files/" + NodeRuntime.PROFILE + "/etc/org.veilor.mesh.yggdrasil.cfg";
    static final String EXAMPLE_KEY = "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29";
    /** RFC 2606 / 6761 names, RFC 5737 and RFC 3849 documentation addresses. */
    private static final Pattern EXAMPLE_HOST = Pattern.compile(
            "(.*\\.)?example(\\.(com|net|org))?|.*\\.(invalid|test)|192\\.0\\.2\\.\\d+|198\\.51\\.100\\.\\d+|203\\.0\\.113\\.\\d+"
                    + "|\\[?2001:0?db8:.*");

    @Override
    public void check(LintContext t, List<Finding> out) throws IOException {
        String text = t.texts().get(FILE);
        if (text == null) {
            return;
        }
        Properties p = new Properties();
        p.load(new StringReader(text));
        for (String key : items(p.getProperty("allowedPublicKeys", ""))) {
            if (key.equalsIgnoreCase(EXAMPLE_KEY)) {
                out.add(Finding.warning("image.yggdrasil-example-key", "the node profile's AllowedPublicKeys still holds the EXAMPLE"
                        + " key (the all-zero seed's, whose private key is public): replace it with the operator's key"
                        + " (ygg:keygen --out FILE prints one) before a release", FILE + ":" + line(text, "allowedPublicKeys")));
            }
        }
        for (String name : List.of("publicPeer", "failoverPeers")) {
            for (String uri : items(p.getProperty(name, ""))) {
                String host = host(uri);
                if (host != null && EXAMPLE_HOST.matcher(host.toLowerCase(Locale.ROOT)).matches()) {
                    out.add(Finding.warning("image.yggdrasil-example-peer", "the node profile's " + name + " " + uri
                            + " is still a placeholder (" + host + " is an example name or documentation address):"
                            + " put the deployment's Yggdrasil peer there before a release", FILE + ":" + line(text, name)));
                }
            }
        }
    }

    private static List<String> items(String value) {
        return java.util.Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    private static String host(String uri) {
        try {
            return new URI(uri).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static int line(String text, String key) {
        int at = text.indexOf("\n" + key);
        return at < 0 ? 1 : LintContext.line(text, at + 1);
    }
}
