package org.veilor.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The only way Veilor touches the machine: files under a configured host root, and processes.
 *
 * <p>Host paths are written as the machine sees them ({@code /etc/yggdrasil/yggdrasil.conf}) and
 * are resolved under the host root, like a chroot: on a node the root is {@code /}, on a newcomer's
 * run it is a sandbox folder in the Karaf data dir. A path that would leave the root — a {@code ..}
 * segment, or a symbolic link pointing outside it — is refused with an {@link IOException}.
 *
 * <p>Processes take an argv list, never a shell string; {@code argv[0]} is looked up on the
 * configured executable search path, so tests can put fake executables first.
 */
public interface Host {

    /** The host root all host paths resolve under. */
    Path root();

    /**
     * Resolves a host path under the root.
     *
     * @throws IOException if the path escapes the root
     */
    Path resolve(String hostPath) throws IOException;

    boolean exists(String hostPath) throws IOException;

    byte[] read(String hostPath) throws IOException;

    String readString(String hostPath) throws IOException;

    /** Opens a file for streaming reads; the caller closes it. */
    InputStream openRead(String hostPath) throws IOException;

    /**
     * Writes a file atomically: a temporary file in the same folder, created with owner-only
     * permissions, written and synced, then given its mode and owner and renamed over the target.
     * Readers see the old file or the new one, never a part.
     */
    void writeAtomic(String hostPath, byte[] content, FileAttrs attrs) throws IOException;

    /** Streaming variant of {@link #writeAtomic}: nothing is visible until {@link AtomicOutput#commit()}. */
    AtomicOutput openAtomic(String hostPath, FileAttrs attrs) throws IOException;

    /** Creates a folder and its parents; the mode applies to the folders created. */
    void mkdirs(String hostPath, FileAttrs attrs) throws IOException;

    /** Lists a folder's entries as host paths, sorted; empty when the folder does not exist. */
    List<String> list(String hostPath) throws IOException;

    /** Deletes a file or an empty folder; returns whether something was deleted. */
    boolean delete(String hostPath) throws IOException;

    /** Runs a process to completion (or to its timeout, which kills the whole process tree). */
    ProcessResult run(ProcessSpec spec) throws IOException;

    /** Finds an executable on the configured search path. */
    Optional<Path> which(String executable);
}
