package org.veilor.rnode.command;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.rnode.LoraRadio;
import org.veilor.rnode.ReceivedFrame;
import org.veilor.rnode.internal.RNodeManager;

/** {@code rnode:listen}: prints the packets a radio hears, with RSSI and SNR. */
@Command(scope = "rnode", name = "listen", description = "Prints the packets a radio receives, with RSSI and SNR, until --count packets arrived or --timeout seconds passed (Ctrl-C stops it too).")
@Service
public class ListenCommand implements Action {

    @Reference
    RNodeManager manager;

    @Option(name = "--radio", aliases = "-r", description = "The radio to listen on (needed when several are configured)")
    String radio;

    @Option(name = "--count", aliases = "-n", description = "Stop after this many packets (0 = no limit)")
    int count = 0;

    @Option(name = "--timeout", aliases = "-t", description = "Stop after this many seconds (0 = no limit)")
    int timeout = 0;

    @Option(name = "--hex", description = "Print payloads as hex even when they are text")
    boolean hex;

    @Override
    public Object execute() throws Exception {
        if (count < 0 || timeout < 0) {
            throw new IllegalArgumentException("--count and --timeout must not be negative");
        }
        LoraRadio r = manager.pick(radio);
        PrintStream out = System.out;
        BlockingQueue<ReceivedFrame> frames = new LinkedBlockingQueue<>();
        int got = 0;
        try (AutoCloseable registration = r.addListener(frames::add)) {
            out.println("listening on " + r.name() + " (" + r.settings().frequencyText() + ", " + r.settings().bitrateText() + ", "
                    + r.status().state().label() + ")");
            out.flush();
            long deadline = timeout == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
            while (count == 0 || got < count) {
                long left = deadline == Long.MAX_VALUE ? 1000 : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                ReceivedFrame f = frames.poll(Math.min(left, 1000), TimeUnit.MILLISECONDS);
                if (f != null) {
                    got++;
                    out.println(line(f));
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println(got + " packet" + (got == 1 ? "" : "s") + " received");
        return null;
    }

    private String line(ReceivedFrame f) {
        byte[] p = f.payload();
        String text = new String(p, StandardCharsets.UTF_8);
        boolean printable = !hex && text.chars().allMatch(c -> c >= 0x20 && c != 0x7F && c != 0xFFFD || c == '\t');
        return f.at() + "  " + p.length + " bytes  RSSI " + (f.rssi() == null ? "?" : f.rssi() + " dBm") + "  SNR "
                + (f.snr() == null ? "?" : f.snr() + " dB") + "  " + (printable ? text : HexFormat.of().formatHex(p));
    }
}
