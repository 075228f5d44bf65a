package org.veilor.seed.command;

import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.core.ReleaseGates;
import org.veilor.seed.Seeder;
import org.veilor.seed.internal.Sizes;

/** {@code seed:get TICKET|HASH [--out FILE]}: a verified fetch into the cache, with progress. */
@Command(scope = "seed", name = "get", description = "Fetches a blob by ticket (from the provider it names, then any that announced it) "
        + "or by hash (from providers that announced it) into the cache, verified chunk group by chunk group, printing progress; "
        + "with --out also writes it to a file, atomically.")
@Service
public class GetCommand implements Action {

    @Reference(optional = true)
    Seeder seeder;

    @Reference(optional = true)
    ReleaseGates gates;

    @Argument(index = 0, name = "ticket", description = "A blob… ticket or a 64-hex BLAKE3 hash", required = true)
    String ticket;

    @Option(name = "--out", aliases = "-o", description = "Host path to write the blob to (the host root is / on a node)")
    String out;

    @Override
    public Object execute() throws Exception {
        Seeder s = SeedCommands.require(seeder, gates);
        PrintStream console = System.out; // the session's stream: progress is printed from this thread only
        AtomicLong verified = new AtomicLong();
        AtomicLong size = new AtomicLong(-1);
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "seed-get"));
        try {
            Future<Seeder.Fetched> f = worker.submit(() -> s.get(ticket, out, (v, n) -> {
                verified.set(v);
                size.set(n);
            }));
            long shown = -1;
            while (true) {
                try {
                    Seeder.Fetched done = f.get(500, TimeUnit.MILLISECONDS);
                    console.println((done.alreadyHeld() ? "already held: " : "fetched: ") + done.hash() + " ("
                            + Sizes.format(done.size()) + (done.alreadyHeld() ? "" : ", from " + done.provider()) + ")"
                            + (out == null ? "" : " -> " + out));
                    return null;
                } catch (TimeoutException e) {
                    long v = verified.get();
                    if (v != shown) {
                        long n = size.get();
                        console.println("  " + Sizes.format(v) + (n < 0 ? "" : String.format(" of %s (%d %%)", Sizes.format(n),
                                n == 0 ? 100 : 100 * v / n)) + " verified");
                        shown = v;
                    }
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    throw c instanceof Exception ex ? ex : new IllegalStateException(c);
                }
            }
        } finally {
            worker.shutdownNow();
        }
    }
}
