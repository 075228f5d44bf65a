package org.veilor.rnode.internal;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A serial port through jSerialComm: 115200 baud, 8 data bits, no parity, 1 stop bit, no flow
 * control of any kind (mesh-radio.md §5.1). jSerialComm opens ports exclusively, so a port another
 * program holds fails to open instead of being shared.
 */
final class JSerialCommLine implements SerialLine {

    static final int BAUD = 115_200;
    /** How long one read waits for the first byte; bounds how fast the reader notices a close. */
    static final int READ_TIMEOUT_MS = 100;
    static final int WRITE_TIMEOUT_MS = 2_000;

    /** errno values of a port another program holds: EAGAIN (its flock), EBUSY (TIOCEXCL). */
    private static final int EAGAIN = 11;
    private static final int EBUSY = 16;

    /** The opener the components use. */
    static final Opener OPENER = JSerialCommLine::open;

    private final String path;
    private final SerialPort port;

    private JSerialCommLine(String path, SerialPort port) {
        this.path = path;
        this.port = port;
    }

    static SerialLine open(String path) throws IOException {
        if (!Files.exists(Path.of(path))) {
            throw new IOException(path + " does not exist");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException(path + " is not a serial port", e);
        }
        port.setComPortParameters(BAUD, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_TIMEOUT_MS, WRITE_TIMEOUT_MS);
        if (!port.openPort(0)) {
            int code = port.getLastErrorCode();
            if (code == EAGAIN || code == EBUSY) {
                throw new Busy("cannot open " + path + ": another program holds it locked (serial error " + code + " at "
                        + port.getLastErrorLocation() + ")");
            }
            throw new IOException("cannot open " + path + " (serial error " + code + " at " + port.getLastErrorLocation()
                    + "): another program holds it, or this user may not open it");
        }
        return new JSerialCommLine(path, port);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            throw new IOException("read failed on " + path + ": the device is gone");
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int n = port.writeBytes(bytes, bytes.length);
        if (n != bytes.length) {
            throw new IOException("write failed on " + path + " (" + n + " of " + bytes.length + " bytes): the device is gone");
        }
    }

    @Override
    public void close() {
        port.closePort();
    }
}
