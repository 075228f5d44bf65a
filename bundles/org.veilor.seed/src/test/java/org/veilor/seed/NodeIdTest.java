package org.veilor.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Node ids are Ed25519 public keys, and only points on the curve are (as iroh decides). */
class NodeIdTest {

    /**
     * y = 2: (y²−1)/(d·y²+1) is not a square mod p, so no point has it. Checked with a separate
     * Python rendering of the same arithmetic, and below against the JDK's own EdDSA decoder.
     */
    static final byte[] NOT_A_POINT = HexFormat.of().parseHex("0200000000000000000000000000000000000000000000000000000000000000");
    static final byte[] A_POINT = HexFormat.of().parseHex("0300000000000000000000000000000000000000000000000000000000000000");

    @Test
    void realKeysAreCurvePointsAndRoundTripThroughTheJdk() throws Exception {
        for (int i = 0; i < 20; i++) {
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            NodeId id = NodeId.of(kp.getPublic());
            assertTrue(NodeId.isCurvePoint(id.bytes()));
            assertEquals(id, NodeId.parse(id.toHex()));
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(kp.getPrivate());
            s.update("data".getBytes());
            byte[] sig = s.sign();
            assertTrue(id.verifies("data".getBytes(), sig));
            assertFalse(id.verifies("date".getBytes(), sig));
        }
        assertTrue(NodeId.isCurvePoint(HexFormat.of().parseHex(BlobTicketTest.ENDPOINT)));
    }

    @Test
    void bytesOffTheCurveAreRefusedAsTheJdkRefusesThem() throws Exception {
        assertFalse(NodeId.isCurvePoint(NOT_A_POINT));
        assertTrue(NodeId.isCurvePoint(A_POINT));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeId.of(NOT_A_POINT));
        assertTrue(e.getMessage().contains("not a point on the curve"), e.getMessage());
        // The JDK's EdDSA decoder agrees: it refuses the non-point when a verification starts, and
        // takes the point next to it.
        Signature s = Signature.getInstance("Ed25519");
        assertThrows(java.security.InvalidKeyException.class, () -> s.initVerify(jdkKey(NOT_A_POINT)));
        Signature.getInstance("Ed25519").initVerify(jdkKey(A_POINT));
    }

    private static java.security.PublicKey jdkKey(byte[] raw) throws Exception {
        byte[] der = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
        return java.security.KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.X509EncodedKeySpec(der));
    }

    @Test
    void parsingNamesTheProblem() {
        BlobTicketTest.assertMessage("expected 64 hex characters", () -> NodeId.parse("abc"));
        BlobTicketTest.assertMessage("not hex", () -> NodeId.parse("zz" + BlobTicketTest.ENDPOINT.substring(2)));
    }
}
