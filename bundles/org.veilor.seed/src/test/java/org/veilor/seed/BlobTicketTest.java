package org.veilor.seed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.veilor.seed.blake3.Blake3;
import org.veilor.seed.blake3.Blake3Hash;

/**
 * iroh 1.0 blob tickets against the vectors of image-kickstart-seed-enrol.md §3.3: the first from
 * iroh-blobs' own unit test, the second computed from the documented layout (ports as varints,
 * addresses in a BTreeSet), plus the failure modes iroh's decoder rejects.
 */
class BlobTicketTest {

    static final String ENDPOINT = "ae58ff8833241ac82d6ff7611046ed67b5072d142c588d0063e942d9a75502b6";
    /** BLAKE3("hi there"), checked with Debian b3sum in the spec. */
    static final String HI_THERE = "0b84d358e4c8be6c38626b2182ff575818ba6bd3f4b90464994be14cb354a072";
    static final String RAW_NO_ADDRS = "blobacxfr74igmsbvsbnn73wcecg5vt3kbzncqwfrdiampuufwnhkublmaaaaafyju2y4tel43bymjvsdax7k5mbrotl2p2lsbdetff6ctftksqhe";
    static final String HASHSEQ_ONE_ADDR = "blobacxfr74igmsbvsbnn73wcecg5vt3kbzncqwfrdiampuufwnhkublmaabab7qaaab2ieqcc4e2nmojsf6nq4ge2zbql7vowayxjv5h5fzarsjss7bjszvjids";

    @Test
    void hashOfHiThereIsTheSpecsValue() {
        assertEquals(HI_THERE, Blake3.standard().hash("hi there".getBytes()).toHex());
    }

    @Test
    void rawTicketWithoutAddressesMatchesIrohBlobsVector() {
        BlobTicket t = new BlobTicket(NodeId.parse(ENDPOINT), null, List.of(), BlobFormat.RAW, Blake3Hash.parse(HI_THERE));
        assertEquals("00" + ENDPOINT + "000000" + HI_THERE, HexFormat.of().formatHex(t.toBytes()));
        assertEquals(68, t.toBytes().length);
        assertEquals(RAW_NO_ADDRS, t.encode());
        BlobTicket back = BlobTicket.parse(RAW_NO_ADDRS);
        assertEquals(t, back);
        assertEquals(ENDPOINT, back.endpoint().toHex());
        assertEquals(Optional.empty(), back.relayUrl());
        assertEquals(List.of(), back.addresses());
        assertEquals(BlobFormat.RAW, back.format());
        assertEquals(HI_THERE, back.hash().toHex());
    }

    @Test
    void hashSeqTicketWithOneIpv4AddressMatchesTheComputedVector() throws Exception {
        InetSocketAddress addr = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1234);
        BlobTicket t = new BlobTicket(NodeId.parse(ENDPOINT), null, List.of(addr), BlobFormat.HASH_SEQ, Blake3Hash.parse(HI_THERE));
        // port 1234 is the varint d2 09
        assertEquals("00" + ENDPOINT + "00" + "01" + "00" + "7f000001" + "d209" + "01" + HI_THERE,
                HexFormat.of().formatHex(t.toBytes()));
        assertEquals(HASHSEQ_ONE_ADDR, t.encode());
        BlobTicket back = BlobTicket.parse(HASHSEQ_ONE_ADDR);
        assertEquals(List.of(addr), back.addresses());
        assertEquals(BlobFormat.HASH_SEQ, back.format());
        assertEquals(t, back);
    }

    @Test
    void relayAndMixedAddressesRoundTripSortedIpv4First() throws Exception {
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("fd7a:115c:a1e0::1"), 7867);
        InetSocketAddress v4b = new InetSocketAddress(InetAddress.getByName("100.64.0.9"), 7867);
        InetSocketAddress v4a = new InetSocketAddress(InetAddress.getByName("100.64.0.9"), 1024);
        BlobTicket t = new BlobTicket(NodeId.parse(ENDPOINT), "http://derp.me./", List.of(v6, v4b, v4a, v4b),
                BlobFormat.RAW, Blake3Hash.parse(HI_THERE));
        assertEquals(List.of(v4a, v4b, v6), t.addresses(), "BTreeSet order, duplicates dropped");
        String hex = HexFormat.of().formatHex(t.toBytes());
        // the relay as in the spec's endpoint-ticket vector: 01, varint length 16, the URL
        assertTrue(hex.startsWith("00" + ENDPOINT + "01" + "10" + "687474703a2f2f646572702e6d652e2f" + "03"
                + "00" + "64400009" + "8008"), hex);
        assertEquals(t, BlobTicket.parse(t.encode()));
        assertEquals(t, BlobTicket.parse(t.encode().replaceFirst("^blob", "blob").substring(0, 4)
                + t.encode().substring(4).toUpperCase()), "base32 of either case");
    }

    @Test
    void decodingRefusesWhatIrohRefuses() {
        assertMessage("wrong prefix", () -> BlobTicket.parse("BLOB" + RAW_NO_ADDRS.substring(4)));
        assertMessage("wrong prefix", () -> BlobTicket.parse("endpointacxfr74igmsbvsbnn73wcecg5vt3kbzncq"));
        assertMessage("invalid base32 character '1' at 3", () -> BlobTicket.parse("blobacx1" + RAW_NO_ADDRS.substring(8)));
        // The last character of a 68-byte ticket carries 4 bits of data and 1 padding bit: 'e' -> 'f' sets it.
        String nonCanonical = RAW_NO_ADDRS.substring(0, RAW_NO_ADDRS.length() - 1) + "f";
        assertMessage("non-canonical base32", () -> BlobTicket.parse(nonCanonical));
        assertMessage("ends inside the hash", () -> BlobTicket.parse(RAW_NO_ADDRS.substring(0, RAW_NO_ADDRS.length() - 8)));
        byte[] bytes = BlobTicket.parse(RAW_NO_ADDRS).toBytes();
        byte[] badFormat = bytes.clone();
        badFormat[35] = 7;
        assertMessage("invalid blob format 7", () -> BlobTicket.fromBytes(badFormat));
        byte[] badRelay = bytes.clone();
        badRelay[33] = 2;
        assertMessage("invalid relay option tag 2", () -> BlobTicket.fromBytes(badRelay));
        byte[] badVariant = bytes.clone();
        badVariant[0] = 1;
        assertMessage("unknown ticket variant 1", () -> BlobTicket.fromBytes(badVariant));
        byte[] notAPoint = bytes.clone();
        System.arraycopy(NodeIdTest.NOT_A_POINT, 0, notAPoint, 1, 32);
        assertMessage("not a point on the curve", () -> BlobTicket.fromBytes(notAPoint));
    }

    @Test
    void trailingBytesAreIgnoredAsPostcardIgnoresThem() {
        byte[] bytes = BlobTicket.parse(RAW_NO_ADDRS).toBytes();
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 3);
        assertArrayEquals(bytes, BlobTicket.fromBytes(longer).toBytes());
    }

    @Test
    void namedHostsAreNotAddresses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlobTicket.direct(
                NodeId.parse(ENDPOINT), List.of(InetSocketAddress.createUnresolved("media.veilor", 7867)), Blake3Hash.parse(HI_THERE)));
        assertTrue(e.getMessage().contains("not the name media.veilor"), e.getMessage());
        assertFalse(BlobTicket.parse(RAW_NO_ADDRS).equals(BlobTicket.parse(HASHSEQ_ONE_ADDR)));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
