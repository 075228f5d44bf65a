package org.veilor.rnode.internal;

import java.util.Locale;

/** RNode command bytes and protocol constants (mesh-radio.md §5.3). */
final class Commands {

    static final int DATA = 0x00;
    static final int FREQUENCY = 0x01;
    static final int BANDWIDTH = 0x02;
    static final int TXPOWER = 0x03;
    static final int SF = 0x04;
    static final int CR = 0x05;
    static final int RADIO_STATE = 0x06;
    static final int RADIO_LOCK = 0x07;
    static final int DETECT = 0x08;
    static final int LEAVE = 0x0A;
    static final int ST_ALOCK = 0x0B;
    static final int LT_ALOCK = 0x0C;
    static final int READY = 0x0F;
    static final int STAT_RX = 0x21;
    static final int STAT_TX = 0x22;
    static final int STAT_RSSI = 0x23;
    static final int STAT_SNR = 0x24;
    static final int STAT_CHTM = 0x25;
    static final int STAT_PHYPRM = 0x26;
    static final int BOARD = 0x47;
    static final int PLATFORM = 0x48;
    static final int MCU = 0x49;
    static final int FW_VERSION = 0x50;
    static final int RESET = 0x55;
    static final int ERROR = 0x90;

    /** The byte a query carries: the firmware acts on a command only once a byte follows it. */
    static final int ASK = 0xFF;
    static final int DETECT_REQ = 0x73;
    static final int DETECT_RESP = 0x46;
    static final int LEAVE_BYTE = 0xFF;
    static final int RADIO_OFF = 0x00;
    static final int RADIO_ON = 0x01;
    /** The firmware's RSSI byte is dBm + 157. */
    static final int RSSI_OFFSET = 157;
    /** Largest payload the firmware takes in one DATA frame (its MTU). */
    static final int MTU = 508;

    private Commands() {
    }

    /**
     * The payload length a device → host frame of this command must have, or -1 when it varies
     * (DATA, unknown commands). The decoder uses it to recognise a frame cut short by a reset.
     */
    static int replyLength(int command) {
        return switch (command) {
            case FREQUENCY, BANDWIDTH, STAT_RX, STAT_TX -> 4;
            case TXPOWER, SF, CR, RADIO_STATE, RADIO_LOCK, DETECT, READY, STAT_RSSI, STAT_SNR, BOARD, PLATFORM, MCU, RESET,
                    ERROR -> 1;
            case ST_ALOCK, LT_ALOCK, FW_VERSION -> 2;
            case STAT_CHTM -> 11;
            case STAT_PHYPRM -> 12;
            default -> -1;
        };
    }

    static String name(int command) {
        return switch (command) {
            case DATA -> "CMD_DATA";
            case FREQUENCY -> "CMD_FREQUENCY";
            case BANDWIDTH -> "CMD_BANDWIDTH";
            case TXPOWER -> "CMD_TXPOWER";
            case SF -> "CMD_SF";
            case CR -> "CMD_CR";
            case RADIO_STATE -> "CMD_RADIO_STATE";
            case RADIO_LOCK -> "CMD_RADIO_LOCK";
            case DETECT -> "CMD_DETECT";
            case LEAVE -> "CMD_LEAVE";
            case ST_ALOCK -> "CMD_ST_ALOCK";
            case LT_ALOCK -> "CMD_LT_ALOCK";
            case READY -> "CMD_READY";
            case STAT_RX -> "CMD_STAT_RX";
            case STAT_TX -> "CMD_STAT_TX";
            case STAT_RSSI -> "CMD_STAT_RSSI";
            case STAT_SNR -> "CMD_STAT_SNR";
            case STAT_CHTM -> "CMD_STAT_CHTM";
            case STAT_PHYPRM -> "CMD_STAT_PHYPRM";
            case BOARD -> "CMD_BOARD";
            case PLATFORM -> "CMD_PLATFORM";
            case MCU -> "CMD_MCU";
            case FW_VERSION -> "CMD_FW_VERSION";
            case RESET -> "CMD_RESET";
            case ERROR -> "CMD_ERROR";
            default -> String.format(Locale.ROOT, "command 0x%02X", command);
        };
    }
}
