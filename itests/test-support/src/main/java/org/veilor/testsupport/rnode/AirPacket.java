package org.veilor.testsupport.rnode;

import java.nio.ByteBuffer;

/** A LoRa packet on the emulated air, with the parameters it was sent with. */
record AirPacket(long frequency, long bandwidth, int spreadingFactor, int codingRate, int txPower, byte[] payload) {

    private static final int MAGIC = 0x524E4541; // "RNEA"

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 + 8 + 3 + payload.length);
        b.putInt(MAGIC).putLong(frequency).putLong(bandwidth).put((byte) spreadingFactor).put((byte) codingRate)
                .put((byte) txPower).put(payload);
        return b.array();
    }

    /** Null for a datagram that is not an emulated LoRa packet. */
    static AirPacket decode(byte[] data, int length) {
        ByteBuffer b = ByteBuffer.wrap(data, 0, length);
        if (length < 23 || b.getInt() != MAGIC) {
            return null;
        }
        long f = b.getLong();
        long bw = b.getLong();
        int sf = b.get();
        int cr = b.get();
        int tx = b.get();
        byte[] p = new byte[b.remaining()];
        b.get(p);
        return new AirPacket(f, bw, sf, cr, tx, p);
    }
}
