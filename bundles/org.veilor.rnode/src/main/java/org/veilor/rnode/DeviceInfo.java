package org.veilor.rnode;

import java.util.Locale;

/**
 * What an RNode said about itself when it was detected.
 *
 * @param port the device path it was detected on (as configured, so a stable by-id name stays one)
 * @param firmwareMajor firmware major version
 * @param firmwareMinor firmware minor version (read as a decimal number: 0x56 = 86 means 1.86)
 * @param platform platform byte ({@code 0x90} AVR, {@code 0x80} ESP32, {@code 0x70} nRF52)
 * @param mcu MCU byte ({@code 0x91} 1284P, {@code 0x92} 2560, {@code 0x81} ESP32, {@code 0x71} nRF52)
 * @param board board model byte
 * (each -1 when the device did not answer that query)
 */
public record DeviceInfo(String port, int firmwareMajor, int firmwareMinor, int platform, int mcu, int board) {

    /** Firmware version as RNode tools print it: {@code 1.86}. */
    public String firmware() {
        if (firmwareMajor < 0) {
            return "unknown (no answer)";
        }
        return firmwareMajor + "." + String.format(Locale.ROOT, "%02d", firmwareMinor);
    }

    public String platformName() {
        if (platform < 0) {
            return "unknown (no answer)";
        }
        return switch (platform) {
            case 0x90 -> "AVR";
            case 0x80 -> "ESP32";
            case 0x70 -> "nRF52";
            default -> "unknown";
        } + String.format(Locale.ROOT, " (0x%02X)", platform);
    }

    public String mcuName() {
        if (mcu < 0) {
            return "unknown (no answer)";
        }
        return switch (mcu) {
            case 0x91 -> "ATmega1284P";
            case 0x92 -> "ATmega2560";
            case 0x81 -> "ESP32";
            case 0x71 -> "nRF52";
            default -> "unknown";
        } + String.format(Locale.ROOT, " (0x%02X)", mcu);
    }

    /** Board model byte in hex; the firmware's board table is not part of the host protocol. */
    public String boardName() {
        if (board < 0) {
            return "unknown (no answer)";
        }
        return String.format(Locale.ROOT, "0x%02X", board);
    }

    /** One line: {@code RNode firmware 1.86, ESP32 (0x80), MCU ESP32 (0x81), board 0x36}. */
    public String describe() {
        return "RNode firmware " + firmware() + ", " + platformName() + ", MCU " + mcuName() + ", board " + boardName();
    }
}
