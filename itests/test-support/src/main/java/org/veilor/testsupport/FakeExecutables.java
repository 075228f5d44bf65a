package org.veilor.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of fake executables to put first on a search path. Each fake records its argv (one
 * call per line, arguments separated by a unit separator) in {@code calls.log}, in call order
 * across all fakes, and can then print fixed output, read a file, or exit with a code.
 */
public final class FakeExecutables {

    private static final char SEP = '\u001f';
    private final Path dir;

    public FakeExecutables(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path log() {
        return dir.resolve("calls.log");
    }

    /** A fake that records its call and runs the given bash body ("$@" are its arguments). */
    public Path script(String name, String body) throws IOException {
        String sep = "$'\\x1f'";
        String script = "#!/bin/bash\n"
                + "# Fake " + name + " for tests: records argv, then runs the body below.\n"
                + "{ printf '%s' '" + name + "'; for a in \"$@\"; do printf '%s%s' " + sep + " \"$a\"; done; printf '\\n'; } >> '"
                + log() + "'\n"
                + body + "\n";
        Path p = dir.resolve(name);
        Files.writeString(p, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** A fake that records its call, prints stdout and exits with a code. */
    public Path fixed(String name, int exitCode, String stdout) throws IOException {
        Path out = dir.resolve(name + ".stdout");
        Files.writeString(out, stdout, StandardCharsets.UTF_8);
        return script(name, "cat '" + out + "'\nexit " + exitCode);
    }

    /** Every recorded call, in order; element 0 of each is the fake's name. */
    public List<List<String>> calls() throws IOException {
        List<List<String>> result = new ArrayList<>();
        if (!Files.exists(log())) {
            return result;
        }
        for (String line : Files.readAllLines(log(), StandardCharsets.UTF_8)) {
            result.add(List.of(line.split(String.valueOf(SEP), -1)));
        }
        return result;
    }

    /** The recorded calls of one fake (without its name). */
    public List<List<String>> calls(String name) throws IOException {
        List<List<String>> result = new ArrayList<>();
        for (List<String> call : calls()) {
            if (call.get(0).equals(name)) {
                result.add(call.subList(1, call.size()));
            }
        }
        return result;
    }
}
