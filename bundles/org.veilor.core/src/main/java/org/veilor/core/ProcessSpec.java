package org.veilor.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What to run through {@link Host#run}: an argv list (never a shell string), environment, working
 * folder, standard input, a timeout, and either captured output (with a size cap) or a line
 * listener for progress.
 */
public final class ProcessSpec {

    /** Default cap on captured output per stream. */
    public static final int DEFAULT_OUTPUT_CAP = 1 << 20;

    private final List<String> argv;
    private final Map<String, String> environment;
    private final String workingDir;
    private final byte[] stdin;
    private final Duration timeout;
    private final int outputCap;
    private final Consumer<OutputLine> lineListener;

    private ProcessSpec(Builder b) {
        if (b.argv.isEmpty()) {
            throw new IllegalArgumentException("argv must not be empty");
        }
        for (String arg : b.argv) {
            Objects.requireNonNull(arg, "argv element");
        }
        this.argv = List.copyOf(b.argv);
        this.environment = Map.copyOf(b.environment);
        this.workingDir = b.workingDir;
        this.stdin = b.stdin == null ? null : b.stdin.clone();
        this.timeout = b.timeout;
        this.outputCap = b.outputCap;
        this.lineListener = b.lineListener;
    }

    public static Builder of(String... argv) {
        return new Builder(List.of(argv));
    }

    public static Builder of(List<String> argv) {
        return new Builder(argv);
    }

    public List<String> argv() {
        return argv;
    }

    /** Extra environment variables, on top of a minimal inherited set (PATH is the configured search path). */
    public Map<String, String> environment() {
        return environment;
    }

    /** Working folder as a real (not host-root relative) path, or {@code null} for the current one. */
    public String workingDir() {
        return workingDir;
    }

    public byte[] stdin() {
        return stdin == null ? null : stdin.clone();
    }

    public Duration timeout() {
        return timeout;
    }

    public int outputCap() {
        return outputCap;
    }

    /** When set, output is streamed to it line by line as it comes (and still captured up to the cap). */
    public Consumer<OutputLine> lineListener() {
        return lineListener;
    }

    /** The command for messages: the executable name only, since arguments may carry paths to secrets. */
    public String displayName() {
        return argv.get(0);
    }

    /** One line of output from a running process. */
    public record OutputLine(boolean stderr, String text) {
    }

    /** Builder; defaults: 60 s timeout, 1 MiB output cap per stream, no stdin. */
    public static final class Builder {
        private final List<String> argv;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String workingDir;
        private byte[] stdin;
        private Duration timeout = Duration.ofSeconds(60);
        private int outputCap = DEFAULT_OUTPUT_CAP;
        private Consumer<OutputLine> lineListener;

        private Builder(List<String> argv) {
            this.argv = new ArrayList<>(argv);
        }

        public Builder env(String name, String value) {
            environment.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        public Builder workingDir(String dir) {
            this.workingDir = dir;
            return this;
        }

        public Builder stdin(byte[] input) {
            this.stdin = input == null ? null : input.clone();
            return this;
        }

        public Builder timeout(Duration t) {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = t;
            return this;
        }

        public Builder outputCap(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("output cap must not be negative");
            }
            this.outputCap = bytes;
            return this;
        }

        /**
         * Streams output lines (stdout and stderr) to a listener as they come, from the output
         * threads, one call at a time; each stream's lines keep their order.
         */
        public Builder onLine(Consumer<OutputLine> listener) {
            this.lineListener = listener;
            return this;
        }

        public ProcessSpec build() {
            return new ProcessSpec(this);
        }
    }
}
