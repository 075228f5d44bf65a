package org.veilor.image.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.veilor.core.Folders;

/**
 * The folder a tree is rendered into. An existing folder is replaced only when it holds an earlier
 * veilor render (its recipe carries the generated-by header); its {@code .git} is kept, so the tree
 * can be a checkout of the image repository. Anything else is refused, never overwritten.
 */
final class TreeFolder {

    static final String RECIPE = "recipes/recipe.yml";

    private TreeFolder() {
    }

    static void prepare(Path out) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException("cannot render into " + out + ": it is a file");
        }
        if (Files.isDirectory(out)) {
            List<Path> entries = Folders.list(out).stream().filter(p -> !p.getFileName().toString().equals(".git")).toList();
            if (!entries.isEmpty()) {
                Path recipe = out.resolve(RECIPE);
                if (!Files.isRegularFile(recipe) || !Files.readString(recipe, StandardCharsets.UTF_8).startsWith(RecipeBuilder.HEADER)) {
                    throw new IOException("refusing to render into " + out
                            + ": it is not empty and holds no earlier veilor render (no generated " + RECIPE + ")");
                }
                for (Path e : entries) {
                    deleteTree(e);
                }
            }
        }
        Files.createDirectories(out);
    }

    /** Deletes a file or a folder tree (links not followed); what is gone already is fine. */
    static void deleteTree(Path p) throws IOException {
        Folders.deleteTree(p);
    }

    /** Writes a file in the tree with the mode git can carry (0644 or 0755). */
    static void write(Path out, String rel, byte[] content, int mode) throws IOException {
        Path target = out.resolve(rel).normalize();
        if (!target.startsWith(out)) {
            throw new IOException("tree path escapes the tree: " + rel);
        }
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode == 0755 ? "rwxr-xr-x" : "rw-r--r--"));
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void write(Path out, String rel, String content, int mode) throws IOException {
        write(out, rel, content.getBytes(StandardCharsets.UTF_8), mode);
    }
}
