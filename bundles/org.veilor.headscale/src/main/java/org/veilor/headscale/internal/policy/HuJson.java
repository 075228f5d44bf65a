package org.veilor.headscale.internal.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Reads HuJSON (JSON with {@code //} and {@code /* *}{@code /} comments and trailing commas), as Headscale does. */
public final class HuJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            // "{…} junk" is not HuJSON either; without this Jackson stops after the first value
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private HuJson() {
    }

    /** Text that is not HuJSON, with where: line and column (both from 1) and what was found there. */
    public static final class SyntaxError extends PolicyException {

        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;
        private final String detail;

        SyntaxError(int line, int column, String detail, Throwable cause) {
            super("the policy is not valid HuJSON" + (line > 0 ? " at line " + line + ", column " + column : "") + ": " + detail, cause);
            this.line = line;
            this.column = column;
            this.detail = detail;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        /** What the parser found, without the place. */
        public String detail() {
            return detail;
        }
    }

    /**
     * @throws SyntaxError with the line and column when the text is not HuJSON
     * @throws PolicyException when it is empty
     */
    public static JsonNode read(String text) throws PolicyException {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new PolicyException("the policy is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage().startsWith("Trailing token")
                    ? "more text after the policy's closing brace (a policy is one object)" : e.getOriginalMessage();
            throw new SyntaxError(e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(), detail, e);
        }
    }
}
