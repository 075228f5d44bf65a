package org.veilor.rnode.internal;

import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;
import org.veilor.core.FileAttrs;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.OsContribution;
import org.veilor.core.contrib.OsFile;

/**
 * What RNodes need in the image: a udev rule giving the radios' USB serial ports to the
 * {@value #GROUP} group and telling ModemManager never to probe them (its AT probes would land
 * in the KISS stream and hold the port), and the group itself, created by systemd-sysusers because
 * an atomic image must not carry {@code /etc/group} entries. Static: no per-deployment value.
 */
@Component(service = OsContribution.class, name = "org.veilor.rnode.contribution")
public class RNodeContribution implements OsContribution {

    /** The group whose members may open RNode ports (rnsd and Sideband run as such a user). */
    static final String GROUP = "veilor-rnode";
    static final String RULE_PATH = "/usr/lib/udev/rules.d/60-veilor-rnode.rules";
    static final String SYSUSERS_PATH = "/usr/lib/sysusers.d/veilor-rnode.conf";

    /** A USB serial interface RNode firmware runs behind. */
    record UsbId(String vendor, String product, String what) {
    }

    /**
     * The USB IDs of the boards RNode firmware is flashed on: the USB-UART bridges of the ESP32
     * boards, the ESP32-S3's own USB, and the nRF52840 (RAK4631) in application mode. These
     * bridges are generic, so other devices behind them get the same group and ModemManager stays
     * off them too — harmless for a bridge, which is never a modem.
     */
    static final List<UsbId> DEVICES = List.of(
            new UsbId("10c4", "ea60", "Silicon Labs CP210x USB-UART bridge (LilyGO T-Beam, Heltec, RNode v1/v2)"),
            new UsbId("1a86", "7523", "WCH CH340 USB-UART bridge"),
            new UsbId("1a86", "55d4", "WCH CH9102 USB-UART bridge (newer LilyGO boards)"),
            new UsbId("303a", "1001", "Espressif ESP32-S3 native USB (LilyGO T3S3)"),
            new UsbId("239a", "0029", "Adafruit nRF52840 in application mode (RAK4631)"),
            new UsbId("239a", "002a", "Adafruit nRF52840, application mode, second ID"));

    @Override
    public String id() {
        return "org.veilor.rnode";
    }

    @Override
    public ImageContribution contribution() {
        return ImageContribution.builder()
                .file(OsFile.text(RULE_PATH, udevRule(), FileAttrs.PUBLIC))
                .file(OsFile.text(SYSUSERS_PATH, sysusers(), FileAttrs.PUBLIC))
                .build();
    }

    /** The udev rule; numbered below ModemManager's own rules (77-mm-*) so the ignore flag is set first. */
    static String udevRule() {
        StringBuilder sb = new StringBuilder();
        sb.append("# RNode LoRa transceivers (installed by veilor's org.veilor.rnode).\n");
        sb.append("# Members of the ").append(GROUP).append(" group may open the radio's serial port;\n");
        sb.append("# ModemManager must never probe it (ID_MM_DEVICE_IGNORE), or its AT commands end up in the KISS stream.\n");
        sb.append("ACTION!=\"add|change|move|bind\", GOTO=\"veilor_rnode_end\"\n\n");
        for (UsbId id : DEVICES) {
            sb.append("# ").append(id.what()).append('\n');
            sb.append(String.format(Locale.ROOT,
                    "SUBSYSTEM==\"usb\", ENV{DEVTYPE}==\"usb_device\", ATTRS{idVendor}==\"%s\", ATTRS{idProduct}==\"%s\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"%n",
                    id.vendor(), id.product()));
            sb.append(String.format(Locale.ROOT,
                    "SUBSYSTEM==\"tty\", ATTRS{idVendor}==\"%s\", ATTRS{idProduct}==\"%s\", GROUP=\"%s\", MODE=\"0660\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"%n%n",
                    id.vendor(), id.product(), GROUP));
        }
        sb.append("LABEL=\"veilor_rnode_end\"\n");
        return sb.toString();
    }

    static String sysusers() {
        return "# The group of the RNode udev rule (60-veilor-rnode.rules): its members may open RNode serial ports.\n"
                + "g " + GROUP + " -\n";
    }
}
