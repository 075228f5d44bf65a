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
            .build();

    private HuJson() {
    }

    /**
     * @throws PolicyException with the line and column when the text is not HuJSON
     */
    public static JsonNode read(String text) throws PolicyException {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new PolicyException("the policy is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new PolicyException("the policy is not valid HuJSON" + where + ": " + e.getOriginalMessage(), e);
        }
    }
}
