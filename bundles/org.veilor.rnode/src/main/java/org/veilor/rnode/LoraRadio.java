package org.veilor.rnode;

import java.util.List;

/**
 * A configured RNode LoRa radio (one per factory configuration of {@code org.veilor.rnode.radio}).
 *
 * <p>The service is registered while the radio is {@link RadioState#UP up} or
 * {@link RadioState#HANDED_OVER handed over}, and withdrawn when it is lost (the reason is logged and
 * shown by {@code rnode:status}); it comes back by itself when the device does. Service properties:
 * {@value #NAME}, {@value #PORT} and {@value #CONFIG}, so a consumer can pick a radio by name or by
 * configuration.
 *
 * <p><b>One owner per serial port</b> (DESIGN.md): the driver owns the port for detection,
 * configuration, diagnostics and traffic. Another program — {@code rnsd} — gets it only through
 * {@link #handOver(String)}: the driver closes the port and the service stays registered in the
 * handed-over state with the last detected device and verified configuration, until
 * {@link #takeBack()}.
 */
public interface LoraRadio {

    /** Service property: the radio's name. */
    String NAME = "rnode.name";
    /** Service property: the configured port ({@code auto} or a device path). */
    String PORT = "rnode.port";
    /** Service property: the PID of the radio's factory configuration. */
    String CONFIG = "rnode.config";

    String name();

    /** A snapshot of state, device, requested and verified parameters, and stats. */
    RadioStatus status();

    /**
     * The device path the radio is (or was last) open on, as configured when it was a path, so a
     * stable {@code /dev/serial/by-id/…} name stays one. Hand this to the next owner.
     */
    String devicePath();

    /** Whether the device path exists right now (also while handed over). */
    boolean devicePresent();

    /**
     * The parameters the device confirmed at the last verification (kept while handed over), or the
     * requested ones if it was never verified.
     */
    LoraSettings settings();

    /**
     * Sends one packet. With flow control on, waits for the device's {@code CMD_READY} after the
     * previous packet first.
     *
     * @throws IllegalArgumentException if the payload is empty or larger than the firmware MTU
     * @throws RadioException if the radio is not up, the device is gone, or it never became ready
     */
    void send(byte[] payload) throws RadioException;

    /** Registers a listener for received frames; close the returned handle to remove it. */
    AutoCloseable addListener(RadioListener listener);

    RadioStats stats();

    /**
     * Queries the device now for every parameter and compares with the configuration, field by field.
     *
     * @throws RadioException if the radio is not up (for example handed over) or does not answer
     */
    List<FieldCheck> checkDevice() throws RadioException;

    /**
     * Releases the port to another owner: the driver tells the device it leaves ({@code CMD_LEAVE})
     * and closes the port. Returns once the port is free.
     *
     * @param owner who takes it, for status output ({@code rnsd})
     * @throws RadioException if the radio is not up or already handed over
     */
    void handOver(String owner) throws RadioException;

    /**
     * Takes the port back after {@link #handOver}: reopens, re-detects, reconfigures and verifies.
     * If that fails the radio goes down and retries by itself; the failure is thrown too.
     *
     * @throws RadioException if the radio was not handed over, or the device cannot be brought up
     */
    void takeBack() throws RadioException;
}
