package org.veilor.testsupport.rnode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An emulated RNode on the device end of a PTY pair (a fake, because no radio hardware runs here;
 * its behaviour is {@link EmulatedDevice}'s reading of mesh-radio.md §5). The driver under test
 * opens the other end through jSerialComm exactly as it would a USB radio.
 *
 * <p>Each emulator owns a UDP socket on loopback standing in for the air: {@link #link} two of
 * them and a packet one transmits reaches the other, which hands it to its host only when their
 * frequency, bandwidth and spreading factor match.
 */
public final class RNodeEmulator implements AutoCloseable {

    /** How the emulated device behaves; defaults model a current ESP32 RNode with an SX1262. */
    public static final class Options {
        int firmwareMajor = 1;
        int firmwareMinor = 86;
        int platform = 0x80;
        int mcu = 0x81;
        int board = 0x36;
        Modem modem = Modem.SX1262;
        String bootNoise = "Invalid EEPROM checksum\r\n";
        boolean silent;
        int echoedDetects;
        boolean fragmentWrites;
        double airtimeScale = 0.01;
        int queueCapacity = 8;
        int pathLossDb = 80;
        double snrDb = 9.25;

        public Options firmware(int major, int minor) {
            firmwareMajor = major;
            firmwareMinor = minor;
            return this;
        }

        public Options platform(int platformByte, int mcuByte, int boardByte) {
            platform = platformByte;
            mcu = mcuByte;
            board = boardByte;
            return this;
        }

        public Options modem(Modem m) {
            modem = m;
            return this;
        }

        /** Plain text printed after the reset indication at boot; null for none. */
        public Options bootNoise(String text) {
            bootNoise = text;
            return this;
        }

        /** A device that reads everything and never answers (not an RNode, or hung firmware). */
        public Options silent(boolean s) {
            silent = s;
            return this;
        }

        /**
         * Sends the first {@code n} detect requests back as they came ({@code C0 08 73 C0}) instead of
         * answering them, as a line that loops the host's bytes back does (a device end with echo on,
         * a second host talking on the device end). The host then sees a detect frame carrying 0x73.
         */
        public Options echoDetects(int n) {
            echoedDetects = n;
            return this;
        }

        /** Writes every reply one byte at a time, so frames reach the host split across reads. */
        public Options fragmentWrites(boolean f) {
            fragmentWrites = f;
            return this;
        }

        /** Real airtime times this factor (0.01 by default, so tests stay fast; 0 = instant). */
        public Options airtimeScale(double scale) {
            airtimeScale = scale;
            return this;
        }

        public Options queueCapacity(int packets) {
            queueCapacity = packets;
            return this;
        }

        /** RSSI at the receiver = sender's TX power − this; SNR as given. */
        public Options signal(int pathLoss, double snr) {
            pathLossDb = pathLoss;
            snrDb = snr;
            return this;
        }

        public RNodeEmulator start(Path deviceEnd) throws IOException {
            return new RNodeEmulator(this, deviceEnd);
        }
    }

    private final Options options;
    private final DatagramSocket air;
    private final List<SocketAddress> peers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "rnode-emulator-clock"));
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> daemon(r, "rnode-emulator"));
    private final ByteArrayOutputStream fromHost = new ByteArrayOutputStream();
    private final EmulatedDevice device;
    private final Object writeLock = new Object();
    private volatile FileChannel channel;
    private volatile FileChannel writer;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong airPackets = new java.util.concurrent.atomic.AtomicLong();

    private RNodeEmulator(Options options, Path deviceEnd) throws IOException {
        this.options = options;
        this.air = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.device = new EmulatedDevice(options, this::toHost, this::toAir, clock);
        threads.execute(this::airLoop);
        attach(deviceEnd);
    }

    public static Options options() {
        return new Options();
    }

    /** An emulator with default options. */
    public static RNodeEmulator start(Path deviceEnd) throws IOException {
        return new Options().start(deviceEnd);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Plugs the device into a (new) device end, as when a radio is plugged in again: it boots,
     * forgetting its settings, and sends its reset indication and boot text.
     */
    public void attach(Path deviceEnd) throws IOException {
        closeChannels();
        // Two channels: a FileChannel serialises reads and writes on one lock, and a read blocked
        // on a quiet PTY would otherwise hold every reply back.
        FileChannel c = FileChannel.open(deviceEnd, StandardOpenOption.READ);
        writer = FileChannel.open(deviceEnd, StandardOpenOption.WRITE);
        channel = c;
        threads.execute(() -> readLoop(c));
        device.boot();
    }

    /** Links two emulated radios over loopback UDP, both ways. */
    public void link(RNodeEmulator other) {
        peers.add(other.air.getLocalSocketAddress());
        other.peers.add(air.getLocalSocketAddress());
    }

    /** Writes raw bytes to the host (garbage, half frames, text), as a confused device would. */
    public void inject(byte[] raw) {
        toHost(raw);
    }

    private void readLoop(FileChannel c) {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        try {
            while (!closed && c.isOpen()) {
                buffer.clear();
                int n = c.read(buffer);
                if (n < 0) {
                    return;
                }
                for (int i = 0; i < n; i++) {
                    int b = buffer.get(i) & 0xFF;
                    synchronized (fromHost) {
                        fromHost.write(b);
                    }
                    device.accept(b);
                }
            }
        } catch (IOException e) {
            // the PTY went away (socat stopped) or the emulator was closed: the device is unplugged
        }
    }

    private void toHost(byte[] bytes) {
        FileChannel c = writer;
        if (c == null || !c.isOpen()) {
            return;
        }
        try {
            synchronized (writeLock) {
                if (options.fragmentWrites) {
                    for (byte b : bytes) {
                        c.write(ByteBuffer.wrap(new byte[] { b }));
                        Thread.sleep(1);
                    }
                } else {
                    ByteBuffer buf = ByteBuffer.wrap(bytes);
                    while (buf.hasRemaining()) {
                        c.write(buf);
                    }
                }
            }
        } catch (IOException e) {
            // unplugged: the host will not hear it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void toAir(AirPacket p) {
        byte[] data = p.encode();
        for (SocketAddress peer : peers) {
            try {
                air.send(new DatagramPacket(data, data.length, peer));
            } catch (IOException e) {
                // a closed peer hears nothing
            }
        }
    }

    private void airLoop() {
        byte[] buffer = new byte[2048];
        while (!closed) {
            try {
                DatagramPacket d = new DatagramPacket(buffer, buffer.length);
                air.receive(d);
                AirPacket p = AirPacket.decode(d.getData(), d.getLength());
                if (p != null) {
                    device.hear(p);
                    airPackets.incrementAndGet(); // after hear(): once counted, its outcome is settled
                }
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                // a bad datagram: keep listening
            }
        }
    }

    private void closeChannels() {
        for (FileChannel c : new FileChannel[] { channel, writer }) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException e) {
                // unplugging anyway
            }
        }
    }

    /** Every byte the host sent, in order (to assert byte vectors on the wire). */
    public byte[] bytesFromHost() {
        synchronized (fromHost) {
            return fromHost.toByteArray();
        }
    }

    /** The commands the device acted on, in order. */
    public List<HostCommand> commands() {
        return device.commands();
    }

    public boolean radioOn() {
        return device.radioOn();
    }

    public long frequency() {
        return device.frequency();
    }

    /** The bandwidth in force (quantised once the radio is on). */
    public long bandwidth() {
        return device.bandwidth();
    }

    public int txPower() {
        return device.txPower();
    }

    public int spreadingFactor() {
        return device.spreadingFactor();
    }

    public int codingRate() {
        return device.codingRate();
    }

    public long transmittedPackets() {
        return device.transmittedPackets();
    }

    public long receivedPackets() {
        return device.receivedPackets();
    }

    /** Packets that reached this radio over the air, heard or not (to know a mismatched one arrived). */
    public long airPackets() {
        return airPackets.get();
    }

    /** Whether the host said it leaves ({@code CMD_LEAVE}) since the last boot. */
    public boolean hostLeft() {
        return device.hostLeft();
    }

    @Override
    public void close() {
        closed = true;
        air.close();
        closeChannels();
        clock.shutdownNow();
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
