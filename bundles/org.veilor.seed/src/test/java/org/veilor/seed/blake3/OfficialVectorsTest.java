package org.veilor.seed.blake3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the official BLAKE3 test vectors (test resources, copied from the BLAKE3
 * repository) in every mode, at every output length from 1 to 131 bytes, through every path:
 * the scalar kernel, the best kernel, and the best kernel on several threads.
 */
class OfficialVectorsTest {

    static final JsonNode VECTORS = load();
    private static final ForkJoinPool POOL = new ForkJoinPool(3);

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    static JsonNode load() {
        try (InputStream in = OfficialVectorsTest.class.getResourceAsStream("/blake3_test_vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The vectors' input: the repeating sequence 0, 1, ..., 250. */
    static byte[] input(int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    static Stream<Object[]> cases() {
        List<Object[]> all = new ArrayList<>();
        for (Blake3 engine : List.of(Blake3.scalar(), Blake3.standard(), Blake3.standard().parallel(POOL))) {
            for (JsonNode c : VECTORS.get("cases")) {
                all.add(new Object[] { engine.implementation(), engine, c });
            }
        }
        return all.stream();
    }

    @Test
    void theVectorsAreTheOfficialOnes() {
        assertEquals(35, VECTORS.get("cases").size());
        assertEquals("whats the Elvish word for friend", VECTORS.get("key").asText());
        // spec section 3.2: the empty input and "hi there", checked there with Debian's b3sum
        assertEquals("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
                VECTORS.get("cases").get(0).get("hash").asText().substring(0, 64));
        assertEquals("0b84d358e4c8be6c38626b2182ff575818ba6bd3f4b90464994be14cb354a072",
                Blake3.standard().hash("hi there".getBytes(StandardCharsets.US_ASCII)).toHex());
    }

    @ParameterizedTest(name = "{0} len {2}")
    @MethodSource("cases")
    void everyModeAndOutputLength(String implementation, Blake3 engine, JsonNode c) {
        int len = c.get("input_len").asInt();
        byte[] in = input(len);
        byte[] key = VECTORS.get("key").asText().getBytes(StandardCharsets.US_ASCII);
        String context = VECTORS.get("context_string").asText();
        byte[] hash = HexFormat.of().parseHex(c.get("hash").asText());
        byte[] keyed = HexFormat.of().parseHex(c.get("keyed_hash").asText());
        byte[] derived = HexFormat.of().parseHex(c.get("derive_key").asText());

        assertEquals(c.get("hash").asText().substring(0, 64), engine.hash(in).toHex(), "hash, len " + len);
        assertEquals(c.get("keyed_hash").asText().substring(0, 64), engine.keyedHash(key, in).toHex(), "keyed");
        for (int n = 1; n <= hash.length; n++) {
            assertArrayEquals(prefix(hash, n), engine.newHasher().update(in).finalizeBytes(n), "hash length " + n);
            assertArrayEquals(prefix(keyed, n), engine.newKeyedHasher(key).update(in).finalizeBytes(n), "keyed " + n);
            assertArrayEquals(prefix(derived, n), engine.deriveKey(context, in, n), "derive_key length " + n);
        }
        // the extended output from any position, read in odd pieces
        Blake3OutputReader reader = engine.newHasher().update(in).finalizeXof();
        for (int pos = 0; pos < hash.length; pos += 7) {
            byte[] piece = new byte[Math.min(13, hash.length - pos)];
            reader.seek(pos).read(piece);
            assertArrayEquals(slice(hash, pos, piece.length), piece, "xof at " + pos);
        }
    }

    static byte[] prefix(byte[] b, int n) {
        return slice(b, 0, n);
    }

    static byte[] slice(byte[] b, int from, int n) {
        byte[] out = new byte[n];
        System.arraycopy(b, from, out, 0, n);
        return out;
    }
}
