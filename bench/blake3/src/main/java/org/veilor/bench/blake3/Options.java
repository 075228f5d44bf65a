package org.veilor.bench.blake3;

import java.nio.file.Path;

/** Command line of the benchmark; bad input is refused naming the option. */
final class Options {

    Path file;
    int sizeMib = 1024;
    int runs = 5;
    int threads = Runtime.getRuntime().availableProcessors();

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--file" -> o.file = Path.of(v);
                case "--size-mib" -> o.sizeMib = positive(a, v);
                case "--runs" -> o.runs = positive(a, v);
                case "--threads" -> o.threads = positive(a, v);
                default -> throw new IllegalArgumentException("unknown option " + a
                        + "; use --file F, --size-mib N, --runs N, --threads N");
            }
        }
        return o;
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " wants a positive whole number, not '" + value + "'");
    }
}
