package org.veilor.testsupport.rnode;

import java.util.HexFormat;

/**
 * One command an emulated RNode acted on, as the host sent it (unescaped payload), so tests can
 * assert the order of the host sequence and the values on the wire.
 */
public record HostCommand(int command, byte[] payload) {

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public String toString() {
        return String.format("0x%02X[%s]", command, HexFormat.ofDelimiter(" ").formatHex(payload));
    }
}
