package org.veilor.core.contrib;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.veilor.core.FileAttrs;

/**
 * A file placed in the image at an absolute path ({@code /usr/lib/systemd/system/veilor.service},
 * {@code /etc/...}, which ostree turns into {@code /usr/etc} defaults).
 */
public record OsFile(String path, byte[] content, FileAttrs attrs) {

    public OsFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(attrs, "attrs");
        if (!path.startsWith("/") || path.contains("/../") || path.endsWith("/..") || path.endsWith("/")) {
            throw new IllegalArgumentException("image file path must be absolute and normal: " + path);
        }
        content = content.clone();
    }

    public static OsFile text(String path, String content, FileAttrs attrs) {
        return new OsFile(path, content.getBytes(StandardCharsets.UTF_8), attrs);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    public boolean sameContent(OsFile other) {
        return Arrays.equals(content, other.content) && attrs.equals(other.attrs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OsFile f && path.equals(f.path) && sameContent(f);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "OsFile[" + path + ", " + content.length + " bytes, mode " + Integer.toOctalString(attrs.mode()) + "]";
    }
}
