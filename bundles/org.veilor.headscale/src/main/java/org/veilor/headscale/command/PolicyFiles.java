package org.veilor.headscale.command;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.veilor.headscale.internal.policy.HuJson;
import org.veilor.headscale.internal.policy.PolicyException;

/** Reads a hand-edited policy file, refusing one that is not HuJSON with the line and column of the fault. */
final class PolicyFiles {

    private PolicyFiles() {
    }

    /**
     * @throws IllegalArgumentException naming the file, and the line and column when it is not HuJSON
     */
    static String read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no policy file " + file);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("policy file " + file + " is not UTF-8 text");
        }
        try {
            HuJson.read(text);
        } catch (HuJson.SyntaxError e) {
            throw new IllegalArgumentException("policy file " + file + " is not HuJSON (JSON with // and /* */ comments and trailing commas): "
                    + (e.line() > 0 ? "line " + e.line() + ", column " + e.column() + ": " : "") + e.detail(), e);
        } catch (PolicyException e) {
            throw new IllegalArgumentException("policy file " + file + ": " + e.getMessage(), e);
        }
        return text;
    }
}
