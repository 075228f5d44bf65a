package org.veilor.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Host} over a root folder and an executable search path. The core service delegates to
 * one; other bundles' tests use one over a temporary folder with fake executables first on the path.
 */
public final class LocalHost implements Host {

    private static final int MAX_LINKS = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final Path realRoot;
    private final List<Path> searchPath;
    private final ProcessRunner runner;

    /**
     * @param root the host root; created if missing
     * @param searchPath folders searched for executables, in order
     */
    public LocalHost(Path root, List<Path> searchPath) throws IOException {
        if (!root.isAbsolute()) {
            throw new IllegalArgumentException("host root must be absolute: " + root);
        }
        Files.createDirectories(root);
        this.root = root.normalize();
        this.realRoot = root.toRealPath();
        this.searchPath = List.copyOf(searchPath);
        this.runner = new ProcessRunner(this.searchPath);
    }

    @Override
    public Path root() {
        return root;
    }

    public List<Path> searchPath() {
        return searchPath;
    }

    @Override
    public Path resolve(String hostPath) throws IOException {
        if (hostPath == null || hostPath.isEmpty() || hostPath.indexOf('\0') >= 0) {
            throw new IOException("invalid host path: " + hostPath);
        }
        Path current = realRoot;
        List<String> pending = new ArrayList<>(List.of(hostPath.split("/")));
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.remove(0);
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new IOException("host path escapes the host root (..): " + hostPath);
            }
            Path next = current.resolve(part);
            if (Files.isSymbolicLink(next)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many symbolic links in host path: " + hostPath);
                }
                Path target = Files.readSymbolicLink(next);
                Path resolved = (target.isAbsolute() ? target : current.resolve(target)).normalize();
                if (!resolved.startsWith(realRoot)) {
                    throw new IOException("host path escapes the host root through a symbolic link: " + hostPath);
                }
                // Continue the walk from the link's target, so links inside it are checked too.
                List<String> rest = new ArrayList<>();
                for (Path p : realRoot.relativize(resolved)) {
                    rest.add(p.toString());
                }
                rest.addAll(pending);
                pending = rest;
                current = realRoot;
            } else {
                current = next;
            }
        }
        return current;
    }

    /** The host path ({@code /etc/x}) of a real path under the root. */
    public String hostPathOf(Path real) {
        Path rel = realRoot.relativize(real.toAbsolutePath().normalize());
        return "/" + rel.toString().replace('\\', '/');
    }

    @Override
    public boolean exists(String hostPath) throws IOException {
        return Files.exists(resolve(hostPath));
    }

    @Override
    public byte[] read(String hostPath) throws IOException {
        return Files.readAllBytes(resolve(hostPath));
    }

    @Override
    public String readString(String hostPath) throws IOException {
        return new String(read(hostPath), StandardCharsets.UTF_8);
    }

    @Override
    public InputStream openRead(String hostPath) throws IOException {
        return Files.newInputStream(resolve(hostPath));
    }

    @Override
    public void writeAtomic(String hostPath, byte[] content, FileAttrs attrs) throws IOException {
        try (AtomicOutput out = openAtomic(hostPath, attrs)) {
            out.write(content);
            out.commit();
        }
    }

    @Override
    public AtomicOutput openAtomic(String hostPath, FileAttrs attrs) throws IOException {
        Path target = resolve(hostPath);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot write " + hostPath + ": it is a folder");
        }
        Path dir = target.getParent();
        createFolders(dir, FileAttrs.FOLDER);
        Path tmp = createTemp(dir, target.getFileName().toString());
        return new FileAtomicOutput(tmp, target, attrs);
    }

    @Override
    public void mkdirs(String hostPath, FileAttrs attrs) throws IOException {
        createFolders(resolve(hostPath), attrs);
    }

    @Override
    public List<String> list(String hostPath) throws IOException {
        Path dir = resolve(hostPath);
        try {
            return Folders.list(dir).stream().map(this::hostPathOf).toList();
        } catch (NotDirectoryException e) {
            return List.of(); // a file has no entries
        }
    }

    @Override
    public boolean delete(String hostPath) throws IOException {
        return Files.deleteIfExists(resolve(hostPath));
    }

    @Override
    public ProcessResult run(ProcessSpec spec) throws IOException {
        return runner.run(spec);
    }

    @Override
    public Optional<Path> which(String executable) {
        return runner.which(executable);
    }

    private void createFolders(Path dir, FileAttrs attrs) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        createFolders(dir.getParent(), attrs);
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(dir)) {
                return;
            }
            throw e;
        }
        applyAttrs(dir, attrs);
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; attempt < 10; attempt++) {
            byte[] r = new byte[6];
            RANDOM.nextBytes(r);
            Path tmp = dir.resolve("." + name + ".tmp-" + HexFormat.of().formatHex(r));
            try {
                // Owner-only from the first byte: a secret is never readable by others, even briefly.
                return Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                // try another name
            }
        }
        throw new IOException("cannot create a temporary file in " + dir);
    }

    static void applyAttrs(Path path, FileAttrs attrs) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(attrs.permissionString()));
        if (attrs.owner() == null && attrs.group() == null) {
            return;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        try {
            if (attrs.owner() != null) {
                UserPrincipal user = lookup.lookupPrincipalByName(attrs.owner());
                view.setOwner(user);
            }
            if (attrs.group() != null) {
                GroupPrincipal group = lookup.lookupPrincipalByGroupName(attrs.group());
                view.setGroup(group);
            }
        } catch (IOException e) {
            throw new IOException("cannot give " + path.getFileName() + " to " + attrs.owner()
                    + (attrs.group() == null ? "" : ":" + attrs.group()) + ": " + e.getMessage(), e);
        }
        // chown may clear set-id bits; apply the mode again.
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(attrs.permissionString()));
    }

    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to sync a folder; the rename itself is still atomic.
        }
    }

    /** Writes to a temporary file beside the target and renames it over the target on commit. */
    private static final class FileAtomicOutput extends AtomicOutput {
        private final Path tmp;
        private final Path target;
        private final FileAttrs attrs;
        private final FileChannel channel;
        private final OutputStream out;
        private boolean committed;
        private boolean closed;

        FileAtomicOutput(Path tmp, Path target, FileAttrs attrs) throws IOException {
            this.tmp = tmp;
            this.target = target;
            this.attrs = attrs;
            this.channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
            this.out = Channels.newOutputStream(channel);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void commit() throws IOException {
            if (closed) {
                throw new IOException("already closed");
            }
            out.flush();
            channel.force(true);
            channel.close();
            applyAttrs(tmp, attrs);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncFolder(target.getParent());
            committed = true;
            closed = true;
        }

        @Override
        public boolean committed() {
            return committed;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                channel.close();
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } catch (NoSuchFileException e) {
                    // already gone
                }
            }
        }
    }
}
