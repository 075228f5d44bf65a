package org.veilor.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** One configured Jackson mapper for the core's JSON output. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static String pretty(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsString(value);
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
