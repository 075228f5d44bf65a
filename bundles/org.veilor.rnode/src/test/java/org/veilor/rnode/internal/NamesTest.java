package org.veilor.rnode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.veilor.rnode.DeviceInfo;
import org.veilor.rnode.RNodeError;

/** CMD_ERROR codes and device bytes by name (mesh-radio.md §5.3). */
class NamesTest {

    @Test
    void errorCodesByName() {
        assertEquals("ERROR_INITRADIO (0x01)", RNodeError.describe(0x01));
        assertEquals("ERROR_TXFAILED (0x02)", RNodeError.describe(0x02));
        assertEquals("ERROR_EEPROM_LOCKED (0x03)", RNodeError.describe(0x03));
        assertEquals("ERROR_QUEUE_FULL (0x04)", RNodeError.describe(0x04));
        assertEquals("ERROR_MEMORY_LOW (0x05)", RNodeError.describe(0x05));
        assertEquals("ERROR_MODEM_TIMEOUT (0x06)", RNodeError.describe(0x06));
        assertEquals("unknown error (0x7F)", RNodeError.describe(0x7F));
    }

    @Test
    void deviceInfoReadsFirmwareMinorAsDecimal() {
        DeviceInfo d = new DeviceInfo("/dev/ttyACM0", 0x01, 0x56, 0x80, 0x81, 0x36);
        assertEquals("1.86", d.firmware());
        assertEquals("ESP32 (0x80)", d.platformName());
        assertEquals("ESP32 (0x81)", d.mcuName());
        assertEquals("RNode firmware 1.86, ESP32 (0x80), MCU ESP32 (0x81), board 0x36", d.describe());
        assertEquals("nRF52 (0x70)", new DeviceInfo("p", 1, 5, 0x70, 0x71, 0x50).platformName());
        assertEquals("1.05", new DeviceInfo("p", 1, 5, 0x70, 0x71, 0x50).firmware());
        assertEquals("AVR (0x90)", new DeviceInfo("p", 1, 5, 0x90, 0x92, 0x50).platformName());
        assertEquals("ATmega2560 (0x92)", new DeviceInfo("p", 1, 5, 0x90, 0x92, 0x50).mcuName());
        assertEquals("unknown (no answer)", new DeviceInfo("p", -1, -1, -1, -1, -1).firmware());
    }

    @Test
    void commandNames() {
        assertEquals("CMD_READY", Commands.name(0x0F));
        assertEquals("CMD_ERROR", Commands.name(0x90));
        assertEquals("command 0x7E", Commands.name(0x7E));
    }
}
