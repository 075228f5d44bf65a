package org.veilor.testsupport.rnode;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What RNode firmware does with the bytes a host sends, from mesh-radio.md §5 only:
 * <ul>
 * <li>a command acts only once a byte <i>after</i> the command byte arrived (so {@code C0 50 C0}
 * gets no answer); multi-byte values act when complete; a FEND ends a DATA frame, and merely
 * restarts for other commands;</li>
 * <li>every set or query of a setting is echoed with the value in force: TX power clamped to the
 * modem, SF to 5..12, CR to 5..8, the bandwidth raw while the radio is off and quantised to the
 * chip's step once it is on;</li>
 * <li>the radio starts only when frequency, bandwidth, SF and TX power are set, else
 * {@code CMD_ERROR 0x01}; switching it on echoes the state twice (seen on real firmware);</li>
 * <li>with {@code echoDetects(n)}, the first n detect requests come back as they were sent, as over a
 * line that loops the host's bytes back (a fault of the line, not of RNode firmware);</li>
 * <li>packets queue for the air, {@code CMD_ERROR 0x04} when the queue is full, {@code CMD_READY 01}
 * after each transmission; heard packets arrive as STAT_RSSI, STAT_SNR, DATA.</li>
 * </ul>
 */
final class EmulatedDevice {

    private final RNodeEmulator.Options options;
    private final Consumer<byte[]> toHost;
    private final Consumer<AirPacket> toAir;
    private final ScheduledExecutorService clock;
    private final List<HostCommand> commands = new ArrayList<>();
    private final Deque<byte[]> queue = new ArrayDeque<>();

    // parser
    private boolean inFrame;
    private boolean escape;
    private int command = -1;
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    private boolean acted;

    // radio state
    private long frequency;
    private long bandwidth;
    private int txPower = -1;
    private int sf;
    private int cr = 5;
    private boolean radioOn;
    private int stAlock;
    private int ltAlock;
    private long rxPackets;
    private long txPackets;
    private boolean transmitting;
    private boolean hostLeft;
    private int detectsEchoed;

    EmulatedDevice(RNodeEmulator.Options options, Consumer<byte[]> toHost, Consumer<AirPacket> toAir, ScheduledExecutorService clock) {
        this.options = options;
        this.toHost = toHost;
        this.toAir = toAir;
        this.clock = clock;
    }

    /** Power-on: settings forgotten, the reset indication and the boot text sent. */
    synchronized void boot() {
        frequency = 0;
        bandwidth = 0;
        txPower = -1;
        sf = 0;
        cr = 5;
        radioOn = false;
        queue.clear();
        inFrame = false;
        hostLeft = false;
        toHost.accept(DeviceFrames.frame(0x55, DeviceFrames.u8(0xF8)));
        if (options.bootNoise != null) {
            toHost.accept(options.bootNoise.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    synchronized void accept(int b) {
        if (b == DeviceFrames.FEND) {
            if (inFrame && command == 0x00 && payload.size() > 0) {
                transmit(payload.toByteArray());
            }
            inFrame = true;
            command = -1;
            escape = false;
            acted = false;
            payload.reset();
            return;
        }
        if (!inFrame) {
            return;
        }
        if (command < 0) {
            command = b;
            return;
        }
        if (b == DeviceFrames.FESC) {
            escape = true;
            return;
        }
        if (escape) {
            b = b == DeviceFrames.TFEND ? DeviceFrames.FEND : b == DeviceFrames.TFESC ? DeviceFrames.FESC : b;
            escape = false;
        }
        payload.write(b);
        if (command != 0x00 && !acted) {
            act();
        }
    }

    private void act() {
        byte[] p = payload.toByteArray();
        int need = switch (command) {
            case 0x01, 0x02 -> 4;
            case 0x0B, 0x0C -> 2;
            default -> 1;
        };
        if (p.length < need) {
            return;
        }
        acted = true;
        commands.add(new HostCommand(command, p.clone()));
        if (options.silent) {
            return;
        }
        int v = p[0] & 0xFF;
        switch (command) {
            case 0x01 -> {
                long f = DeviceFrames.unsigned(p, 4);
                if (f != 0) {
                    frequency = f;
                }
                reply(0x01, DeviceFrames.u32(frequency));
            }
            case 0x02 -> {
                long w = DeviceFrames.unsigned(p, 4);
                if (w != 0) {
                    bandwidth = w;
                }
                reply(0x02, DeviceFrames.u32(chipBandwidth()));
            }
            case 0x03 -> {
                if (v != 0xFF) {
                    txPower = Math.min(v, options.modem.maxTxPower());
                }
                reply(0x03, DeviceFrames.u8(txPower));
            }
            case 0x04 -> {
                if (v != 0xFF) {
                    // the command handler clamps to 5..12; an SX127x driver raises 5 to 6 (mesh-radio.md §5.4)
                    sf = Math.max(options.modem.minSpreadingFactor(), Math.min(12, v));
                }
                reply(0x04, DeviceFrames.u8(sf));
            }
            case 0x05 -> {
                if (v != 0xFF) {
                    cr = Math.max(5, Math.min(8, v));
                }
                reply(0x05, DeviceFrames.u8(cr));
            }
            case 0x06 -> radioState(v);
            case 0x07 -> reply(0x07, DeviceFrames.u8(locked() ? 1 : 0));
            case 0x08 -> {
                if (v == 0x73 && detectsEchoed < options.echoedDetects) {
                    detectsEchoed++;
                    reply(0x08, DeviceFrames.u8(0x73)); // the request itself, looped back
                } else if (v == 0x73) {
                    reply(0x08, DeviceFrames.u8(0x46));
                }
            }
            case 0x0A -> hostLeft = true;
            case 0x0B -> {
                stAlock = (int) DeviceFrames.unsigned(p, 2);
                reply(0x0B, DeviceFrames.u16(stAlock));
            }
            case 0x0C -> {
                ltAlock = (int) DeviceFrames.unsigned(p, 2);
                reply(0x0C, DeviceFrames.u16(ltAlock));
            }
            case 0x0F -> reply(0x0F, DeviceFrames.u8(queue.size() < options.queueCapacity ? 1 : 0));
            case 0x21 -> reply(0x21, DeviceFrames.u32(rxPackets));
            case 0x22 -> reply(0x22, DeviceFrames.u32(txPackets));
            case 0x47 -> reply(0x47, DeviceFrames.u8(options.board));
            case 0x48 -> reply(0x48, DeviceFrames.u8(options.platform));
            case 0x49 -> reply(0x49, DeviceFrames.u8(options.mcu));
            case 0x50 -> reply(0x50, new byte[] { (byte) options.firmwareMajor, (byte) options.firmwareMinor });
            case 0x55 -> {
                if (v == 0xF8) {
                    boot();
                }
            }
            default -> {
                // unknown or unmodelled commands are ignored, as by firmware that lacks them
            }
        }
    }

    private void radioState(int v) {
        if (v == 0x00) {
            radioOn = false;
        } else if (v == 0x01) {
            if (locked()) {
                reply(0x90, DeviceFrames.u8(0x01)); // ERROR_INITRADIO
            } else {
                radioOn = true;
                reply(0x06, DeviceFrames.u8(1)); // the firmware indicates the state twice when it starts the radio
            }
        }
        reply(0x06, DeviceFrames.u8(radioOn ? 1 : 0));
    }

    private boolean locked() {
        return frequency == 0 || bandwidth == 0 || sf == 0 || txPower < 0;
    }

    private long chipBandwidth() {
        return radioOn ? options.modem.quantise(bandwidth) : bandwidth;
    }

    private void reply(int cmd, byte[] value) {
        toHost.accept(DeviceFrames.frame(cmd, value));
    }

    private void transmit(byte[] packet) {
        commands.add(new HostCommand(0x00, packet.clone()));
        if (options.silent || !radioOn) {
            return;
        }
        if (queue.size() >= options.queueCapacity) {
            reply(0x90, DeviceFrames.u8(0x04)); // ERROR_QUEUE_FULL
            return;
        }
        queue.add(packet);
        if (!transmitting) {
            transmitting = true;
            scheduleNext();
        }
    }

    private void scheduleNext() {
        byte[] next = queue.peek();
        double bitrate = sf * (4.0 / cr) * chipBandwidth() / Math.pow(2, sf);
        long airtimeMs = (long) (next.length * 8 * 1000 / bitrate * options.airtimeScale);
        clock.schedule(this::transmitted, airtimeMs, TimeUnit.MILLISECONDS);
    }

    private synchronized void transmitted() {
        byte[] packet = queue.poll();
        if (packet == null) {
            transmitting = false;
            return;
        }
        txPackets++;
        toAir.accept(new AirPacket(frequency, chipBandwidth(), sf, cr, txPower, packet));
        reply(0x0F, DeviceFrames.u8(1)); // ready for the next packet
        if (queue.isEmpty()) {
            transmitting = false;
        } else {
            scheduleNext();
        }
    }

    /** A packet on the air reaches this radio: heard only on the same frequency, bandwidth and SF. */
    synchronized boolean hear(AirPacket p) {
        if (!radioOn || options.silent || p.frequency() != frequency || p.bandwidth() != chipBandwidth() || p.spreadingFactor() != sf) {
            return false;
        }
        rxPackets++;
        int rssi = p.txPower() - options.pathLossDb;
        reply(0x23, DeviceFrames.u8(Math.max(0, Math.min(255, rssi + 157))));
        reply(0x24, DeviceFrames.u8((byte) Math.round(options.snrDb * 4)));
        reply(0x00, p.payload());
        return true;
    }

    synchronized List<HostCommand> commands() {
        return List.copyOf(commands);
    }

    synchronized boolean radioOn() {
        return radioOn;
    }

    synchronized long frequency() {
        return frequency;
    }

    synchronized long bandwidth() {
        return chipBandwidth();
    }

    synchronized int txPower() {
        return txPower;
    }

    synchronized int spreadingFactor() {
        return sf;
    }

    synchronized int codingRate() {
        return cr;
    }

    synchronized long transmittedPackets() {
        return txPackets;
    }

    synchronized long receivedPackets() {
        return rxPackets;
    }

    synchronized boolean hostLeft() {
        return hostLeft;
    }
}
