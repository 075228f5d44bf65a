package org.veilor.rnode.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One RNode radio (factory PID {@code org.veilor.rnode.radio}, one configuration per radio). The
 * ranges are those of mesh-radio.md §5.6; out-of-range values fail the configuration and the
 * device is not touched.
 */
@ObjectClassDefinition(name = "Veilor RNode radio", description = "One RNode LoRa transceiver: its serial port and radio parameters. Both ends of a link must agree on frequency, bandwidth and spreading factor.")
public @interface RadioConfig {

    /** The factory PID. */
    String FACTORY_PID = "org.veilor.rnode.radio";

    @AttributeDefinition(description = "Name of the radio in rnode:* commands and for the Reticulum layer (letters, digits, . _ -). Empty = the configuration's alias (the part after '~' of its PID).")
    String name() default "";

    @AttributeDefinition(description = "Serial device of the RNode. Prefer the stable /dev/serial/by-id/... name that rnode:list shows; 'auto' = the first port that answers the RNode detect handshake.")
    String port() default "auto";

    @AttributeDefinition(required = true, description = "Carrier frequency in Hz: 137000000..1020000000 (sub-GHz modems) or 2400000000..2500000000 (SX1280). No default: it must be legal where the radio is.")
    long frequency();

    @AttributeDefinition(description = "LoRa bandwidth in Hz: 7800..500000 below 1 GHz, 203125..1625000 at 2.4 GHz. The chip rounds up to its next step once the radio is on.")
    long bandwidth() default 125000;

    @AttributeDefinition(description = "Transmit power in dBm: 0..22 below 1 GHz (SX127x modems stop at 17, the device reports the clamped value), 0..20 at 2.4 GHz.")
    int txPower() default 7;

    @AttributeDefinition(description = "LoRa spreading factor: 5..12 (SX127x modems need 6..12).")
    int spreadingFactor() default 8;

    @AttributeDefinition(description = "Coding rate denominator: 5..8, meaning 4/5..4/8.")
    int codingRate() default 5;

    @AttributeDefinition(description = "Short-term airtime limit in percent, 0..100 with at most two decimals; 0 = no limit.")
    double airtimeLimitShort() default 0;

    @AttributeDefinition(description = "Long-term airtime limit in percent, 0..100 with at most two decimals; 0 = no limit.")
    double airtimeLimitLong() default 0;

    @AttributeDefinition(description = "Wait for the device's CMD_READY after each packet before sending the next.")
    boolean flowControl() default false;

    @AttributeDefinition(description = "Milliseconds to wait after opening the port before the detect handshake (opening resets ESP32 boards; the reference host waits 2 s). 0..30000.")
    int bootDelay() default 2000;

    @AttributeDefinition(description = "Milliseconds the device has to answer one detect handshake (the request is repeated every 500 ms meanwhile). 200..60000.")
    int detectTimeout() default 5000;

    @AttributeDefinition(description = "Detect handshakes tried before the port is called not an RNode, each after what was left on the line (by rnsd, a reset, another program) is discarded and the line is back on a KISS frame boundary. A port that stays silent through a whole handshake is not asked again. 1..10.")
    int detectAttempts() default 3;

    @AttributeDefinition(description = "Milliseconds to wait, with backoff, for a program that holds the port (rnsd after a hand-over, a serial console, a modem prober) to close it before the radio opens it; after that the radio is down naming the holder, and tries again later. 0..300000.")
    int portReleaseTimeout() default 10000;
}
