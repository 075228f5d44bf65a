package org.veilor.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs processes from an argv list with a search path, a timeout that kills the whole process
 * tree, and output captured up to a cap or streamed line by line.
 */
final class ProcessRunner {

    /**
     * Output pumps block on pipes, so they get their own daemon threads rather than the common
     * fork-join pool; idle threads end after a minute.
     */
    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "veilor-process-io");
        t.setDaemon(true);
        return t;
    });

    private final List<Path> searchPath;

    ProcessRunner(List<Path> searchPath) {
        this.searchPath = List.copyOf(searchPath);
    }

    Optional<Path> which(String executable) {
        if (executable.contains("/")) {
            Path p = Path.of(executable);
            return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir : searchPath) {
            Path candidate = dir.resolve(executable);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    ProcessResult run(ProcessSpec spec) throws IOException {
        String exe = spec.argv().get(0);
        Path resolved = which(exe).orElseThrow(() -> new IOException(exe + " not found on the search path "
                + searchPath.stream().map(Path::toString).collect(Collectors.joining(":"))));
        List<String> argv = new ArrayList<>(spec.argv());
        argv.set(0, resolved.toString());
        ProcessBuilder pb = new ProcessBuilder(argv);
        Map<String, String> env = pb.environment();
        env.put("PATH", searchPath.stream().map(Path::toString).collect(Collectors.joining(":")));
        env.putAll(spec.environment());
        if (spec.workingDir() != null) {
            pb.directory(Path.of(spec.workingDir()).toFile());
        }
        Process process = pb.start();
        Consumer<ProcessSpec.OutputLine> listener = oneAtATime(spec.lineListener());
        Capture out = new Capture(spec.outputCap(), false, listener);
        Capture err = new Capture(spec.outputCap(), true, listener);
        CompletableFuture<Void> outPump = CompletableFuture.runAsync(() -> out.pump(process.getInputStream()), PUMPS);
        CompletableFuture<Void> errPump = CompletableFuture.runAsync(() -> err.pump(process.getErrorStream()), PUMPS);
        byte[] stdin = spec.stdin();
        // Fed from its own thread: a process that does not read its input must not block the timeout.
        CompletableFuture.runAsync(() -> feedStdin(process, stdin), PUMPS);
        boolean finished;
        try {
            finished = process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IOException(spec.displayName() + " was interrupted", e);
        }
        if (!finished) {
            killTree(process);
        }
        awaitPump(outPump);
        awaitPump(errPump);
        return new ProcessResult(spec.displayName(), finished ? process.exitValue() : -1, out.text(), err.text(),
                !finished, out.truncated || err.truncated);
    }

    /**
     * Both output pumps hand lines to the same listener: calls are serialised so that a listener
     * (a list, a shell's output) never sees two lines at once (an ArrayList lost lines that way).
     */
    private static Consumer<ProcessSpec.OutputLine> oneAtATime(Consumer<ProcessSpec.OutputLine> listener) {
        if (listener == null) {
            return null;
        }
        Object lock = new Object();
        return line -> {
            synchronized (lock) {
                listener.accept(line);
            }
        };
    }

    private static void feedStdin(Process process, byte[] stdin) {
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // The process closed its stdin early (it did not want the input); its exit code tells the rest.
        }
    }

    private static void killTree(Process process) {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitPump(CompletableFuture<Void> pump) {
        try {
            // A grandchild that escaped the kill may hold the pipe open; do not wait for it forever.
            pump.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            pump.cancel(true);
        }
    }

    /** Collects one output stream, up to a cap, and hands complete lines to a listener. */
    private static final class Capture {
        private final int cap;
        private final boolean stderr;
        private final Consumer<ProcessSpec.OutputLine> listener;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private volatile boolean truncated;

        Capture(int cap, boolean stderr, Consumer<ProcessSpec.OutputLine> listener) {
            this.cap = cap;
            this.stderr = stderr;
            this.listener = listener;
        }

        void pump(InputStream in) {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    synchronized (buffer) {
                        int room = cap - buffer.size();
                        if (room > 0) {
                            buffer.write(chunk, 0, Math.min(room, n));
                        }
                        if (n > room) {
                            truncated = true;
                        }
                    }
                    if (listener != null) {
                        splitLines(chunk, n);
                    }
                }
            } catch (IOException e) {
                // The stream closes when the process is killed.
            }
            if (listener != null && line.size() > 0) {
                emit();
            }
        }

        private void splitLines(byte[] chunk, int n) {
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (b == '\n' || b == '\r') {
                    if (line.size() > 0) {
                        emit();
                    }
                } else if (line.size() < 65536) {
                    line.write(b);
                }
            }
        }

        private void emit() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            try {
                listener.accept(new ProcessSpec.OutputLine(stderr, text));
            } catch (RuntimeException e) {
                // A failing listener must not stop the pump, or the process would block on a full pipe.
            }
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
