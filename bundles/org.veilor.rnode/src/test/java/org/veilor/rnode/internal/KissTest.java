package org.veilor.rnode.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The KISS codec against the byte vectors of mesh-radio.md §5.5 and the failure modes of §5.1/§5.2. */
class KissTest {

    private static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex.toLowerCase());
    }

    @Test
    void encodesTheSpecByteVectors() {
        assertEquals("C0 01 33 BC A1 00 C0", hex(Kiss.frame32(Commands.FREQUENCY, 868_000_000L)));
        assertEquals("C0 01 33 D3 E6 08 C0", hex(Kiss.frame32(Commands.FREQUENCY, 869_525_000L)));
        assertEquals("C0 01 33 B0 6C 00 C0", hex(Kiss.frame32(Commands.FREQUENCY, 867_200_000L)));
        assertEquals("C0 01 19 DA E1 98 C0", hex(Kiss.frame32(Commands.FREQUENCY, 433_775_000L)));
        // 915 MHz = 0x3689CAC0: its last byte is FEND and must be escaped
        assertEquals("C0 01 36 89 CA DB DC C0", hex(Kiss.frame32(Commands.FREQUENCY, 915_000_000L)));
        assertEquals("C0 02 00 01 E8 48 C0", hex(Kiss.frame32(Commands.BANDWIDTH, 125_000)));
        assertEquals("C0 02 00 03 D0 90 C0", hex(Kiss.frame32(Commands.BANDWIDTH, 250_000)));
        assertEquals("C0 02 00 00 F4 24 C0", hex(Kiss.frame32(Commands.BANDWIDTH, 62_500)));
        assertEquals("C0 02 00 00 1E 78 C0", hex(Kiss.frame32(Commands.BANDWIDTH, 7_800)));
        assertEquals("C0 02 00 07 A1 20 C0", hex(Kiss.frame32(Commands.BANDWIDTH, 500_000)));
        assertEquals("C0 04 09 C0", hex(Kiss.frame(Commands.SF, 9)));
        assertEquals("C0 05 05 C0", hex(Kiss.frame(Commands.CR, 5)));
        assertEquals("C0 03 11 C0", hex(Kiss.frame(Commands.TXPOWER, 17)));
        assertEquals("C0 06 01 C0", hex(Kiss.frame(Commands.RADIO_STATE, Commands.RADIO_ON)));
        assertEquals("C0 00 01 DB DC DB DD 02 C0", hex(Kiss.frame(Commands.DATA, bytes("01 C0 DB 02"))));
        assertEquals("C0 0B 00 96 C0", hex(Kiss.frame16(Commands.ST_ALOCK, 150))); // 1.5 %
        assertEquals("C0 08 73 C0", hex(Kiss.frame(Commands.DETECT, Commands.DETECT_REQ)));
        assertEquals("C0 0A FF C0", hex(Kiss.frame(Commands.LEAVE, Commands.LEAVE_BYTE)));
    }

    @Test
    void decodesWhatItEncodesWhateverTheSplit() {
        byte[] wire = concat(Kiss.frame32(Commands.FREQUENCY, 915_000_000L), Kiss.frame(Commands.DATA, bytes("01 C0 DB 02")));
        for (int chunk = 1; chunk <= wire.length; chunk++) {
            List<KissFrame> frames = new ArrayList<>();
            KissDecoder d = new KissDecoder(frames::add);
            for (int i = 0; i < wire.length; i += chunk) {
                d.feed(wire, i, Math.min(chunk, wire.length - i));
            }
            assertEquals(2, frames.size(), "chunk " + chunk);
            assertEquals(915_000_000L, frames.get(0).unsigned());
            assertArrayEquals(bytes("01 C0 DB 02"), frames.get(1).payload());
            assertEquals(0, d.corruptFrames());
        }
    }

    @Test
    void dropsBootMessagesAndGarbageBetweenFrames() {
        byte[] wire = concat(bytes("C0 55 F8 C0"), "Invalid EEPROM checksum\r\n".getBytes(StandardCharsets.US_ASCII),
                bytes("C0 08 46 C0"), bytes("13 37 FF"), bytes("C0 50 01 56 C0"));
        List<KissFrame> frames = new ArrayList<>();
        KissDecoder d = new KissDecoder(frames::add);
        d.feed(wire, 0, wire.length);
        assertEquals(List.of("CMD_RESET [f8]", "CMD_DETECT [46]", "CMD_FW_VERSION [01 56]"), frames.stream().map(KissFrame::toString).toList());
        assertEquals(25 + 3, d.noiseBytes());
    }

    @Test
    void aFrameCutShortDoesNotSwallowTheNextOne() {
        // the device reset half-way through a frequency echo, printed text, then answered detect
        byte[] wire = concat(bytes("C0 01 33 BC"), "No radio module found\r\n".getBytes(StandardCharsets.US_ASCII), bytes("C0 08 46 C0"));
        List<KissFrame> frames = new ArrayList<>();
        KissDecoder d = new KissDecoder(frames::add);
        d.feed(wire, 0, wire.length);
        assertEquals(List.of("CMD_DETECT [46]"), frames.stream().map(KissFrame::toString).toList());
        assertEquals(1, d.corruptFrames());
    }

    @Test
    void aBadEscapeOrAnOversizedFrameIsDroppedAndTheStreamRecovers() {
        byte[] big = new byte[KissDecoder.MAX_PAYLOAD + 10];
        byte[] wire = concat(bytes("C0 00 01 DB 02 C0"), bytes("C0 00"), big, bytes("C0"), bytes("C0 04 09 C0"));
        List<KissFrame> frames = new ArrayList<>();
        KissDecoder d = new KissDecoder(frames::add);
        d.feed(wire, 0, wire.length);
        assertEquals(List.of("CMD_SF [09]"), frames.stream().map(KissFrame::toString).toList());
        assertEquals(2, d.corruptFrames());
    }

    @Test
    void backToBackFendsAndEmptyFramesAreHarmless() {
        byte[] wire = bytes("C0 C0 C0 04 0A C0 C0 C0 05 08 C0");
        List<KissFrame> frames = new ArrayList<>();
        new KissDecoder(frames::add).feed(wire, 0, wire.length);
        assertEquals(List.of("CMD_SF [0a]", "CMD_CR [08]"), frames.stream().map(KissFrame::toString).toList());
    }

    @Test
    void afterADiscardedLineTheDecoderWaitsForAFrameBoundary() {
        // A packet cut off mid-frame is left on the line, then the detect reply comes.
        byte[] cut = bytes("C0 00 DE AD");
        byte[] reply = bytes("C0 08 46 C0");
        List<KissFrame> glued = new ArrayList<>();
        KissDecoder d = new KissDecoder(glued::add);
        d.feed(cut, 0, cut.length);
        d.feed(reply, 0, reply.length);
        assertEquals(List.of("CMD_DATA [de ad]"), glued.stream().map(KissFrame::toString).toList(),
                "without resynchronising, the reply's FEND closes the stale packet and the reply is lost");

        List<KissFrame> frames = new ArrayList<>();
        KissDecoder r = new KissDecoder(frames::add);
        r.feed(cut, 0, cut.length);
        r.resync();
        r.feed(reply, 0, reply.length);
        assertEquals(List.of("CMD_DETECT [46]"), frames.stream().map(KissFrame::toString).toList());
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }
}
