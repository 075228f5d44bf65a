package org.veilor.headscale.internal.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes HuJSON for people: two-space indentation, a {@code //} comment line before a member where it
 * helps, and each leaf value (a string, a list of strings, a small object) on one line.
 */
final class HuJsonWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringBuilder out = new StringBuilder();
    private final Deque<Boolean> first = new ArrayDeque<>();
    private String pendingComment;

    /** A comment line above the next member (or above the whole document when nothing is open). */
    HuJsonWriter comment(String text) {
        if (first.isEmpty()) {
            for (String line : text.split("\n")) {
                out.append("// ").append(line).append('\n');
            }
        } else {
            pendingComment = text;
        }
        return this;
    }

    HuJsonWriter beginObject(String key) {
        member(key);
        out.append('{');
        first.push(true);
        return this;
    }

    HuJsonWriter beginArray(String key) {
        member(key);
        out.append('[');
        first.push(true);
        return this;
    }

    HuJsonWriter endObject() {
        return close('}');
    }

    HuJsonWriter endArray() {
        return close(']');
    }

    /** A member (or array element when key is null) whose value is written on one line. */
    HuJsonWriter value(String key, Object value) {
        member(key);
        out.append(compact(value));
        return this;
    }

    private void member(String key) {
        if (!first.isEmpty()) {
            if (!first.peek()) {
                out.append(',');
            }
            first.pop();
            first.push(false);
            out.append('\n');
            if (pendingComment != null) {
                for (String line : pendingComment.split("\n")) {
                    indent().append("// ").append(line).append('\n');
                }
                pendingComment = null;
            }
            indent();
        }
        if (key != null) {
            out.append(compact(key)).append(": ");
        }
    }

    private HuJsonWriter close(char c) {
        boolean empty = first.pop();
        if (!empty) {
            out.append('\n');
            indent();
        }
        out.append(c);
        if (first.isEmpty()) {
            out.append('\n');
        }
        return this;
    }

    private StringBuilder indent() {
        return out.append("  ".repeat(first.size()));
    }

    /** Strings, numbers, booleans, lists and maps on one line, with a space after ':' and ','. */
    private static String compact(Object value) {
        if (value instanceof java.util.Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            map.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(compact(k)).append(": ").append(compact(v)));
            return sb.append('}').toString();
        }
        if (value instanceof java.util.Collection<?> list) {
            StringBuilder sb = new StringBuilder("[");
            list.forEach(v -> sb.append(sb.length() > 1 ? ", " : "").append(compact(v)));
            return sb.append(']').toString();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value, e);
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
