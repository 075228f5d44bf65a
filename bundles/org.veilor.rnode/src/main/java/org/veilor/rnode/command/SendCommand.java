package org.veilor.rnode.command;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.rnode.LoraRadio;
import org.veilor.rnode.internal.RNodeManager;

/** {@code rnode:send}: one packet over a radio. */
@Command(scope = "rnode", name = "send", description = "Sends one packet over a radio that is up: TEXT as UTF-8, or raw bytes with --hex.")
@Service
public class SendCommand implements Action {

    @Reference
    RNodeManager manager;

    @Option(name = "--radio", aliases = "-r", description = "The radio to send on (needed when several are configured)")
    String radio;

    @Option(name = "--hex", description = "The packet as hex bytes, for example 01c0db02")
    String hex;

    @Argument(index = 0, name = "text", required = false, multiValued = true, description = "The packet as text (words are joined by one space)")
    java.util.List<String> text;

    @Override
    public Object execute() throws Exception {
        byte[] payload;
        if (hex != null && text != null && !text.isEmpty()) {
            throw new IllegalArgumentException("give either TEXT or --hex, not both");
        } else if (hex != null) {
            try {
                payload = HexFormat.of().parseHex(hex.replaceAll("[\\s:]", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--hex '" + hex + "' is not an even number of hex digits");
            }
        } else if (text != null && !text.isEmpty()) {
            payload = String.join(" ", text).getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("nothing to send: give TEXT or --hex HEX");
        }
        LoraRadio r = manager.pick(radio);
        r.send(payload);
        double airtimeMs = payload.length * 8 * 1000 / r.settings().bitrate();
        System.out.printf(java.util.Locale.ROOT, "sent %d bytes on %s (%s, about %.0f ms on air)%n", payload.length, r.name(),
                r.settings().bitrateText(), airtimeMs);
        return null;
    }
}
