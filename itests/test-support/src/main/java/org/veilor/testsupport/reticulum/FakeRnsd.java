package org.veilor.testsupport.reticulum;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.veilor.testsupport.FakeExecutables;

/**
 * A fake {@code systemctl} and a fake {@code rnsd} for the L3c tests (neither systemd nor
 * Reticulum can run here; they are played from their documented behaviour):
 * <ul>
 * <li>{@code systemctl show UNIT --property=…} prints {@code LoadState}, {@code ActiveState},
 * {@code SubState} and {@code UnitFileState} as systemd does; only {@code rnsd.service} ever runs,
 * any other unit is loaded, inactive and disabled. {@code state/not-found} makes rnsd.service
 * unknown, {@code state/unit-file-state} overrides "disabled";</li>
 * <li>{@code systemctl start rnsd.service} runs {@code <host root>/var/lib/retinet/current/bin/rnsd
 * --config <host root>/var/lib/reticulum} in the background (as the unit's ExecStart does) and
 * returns at once, as systemd does for a simple service; it fails with the text of
 * {@code state/fail-start} when present, and like systemd's EXEC failure when rnsd is not
 * installed; {@code stop} sends SIGTERM and waits for the process to exit; {@code is-active}
 * answers from the process;</li>
 * <li>the fake rnsd reads its config, takes the {@code port} of the RNodeInterface, opens it, does
 * the RNode detect handshake on it ({@code C0 08 73 C0} → {@code C0 08 46 C0}, mesh-radio.md §5.5)
 * and holds it open until stopped, like rnsd with an RNodeInterface, without reading further (what
 * the device sends meanwhile stays on the line). It ignores the hang-up of an unplugged device and
 * keeps running, as rnsd does.</li>
 * <li>{@link #lockPort()}: rnsd also takes the lock serial libraries take in exclusive mode
 * ({@code flock}), and fails to start when someone else has it;</li>
 * <li>{@link #releasePortLate(String)}: when stopped, rnsd exits (so {@code systemctl stop} returns)
 * but leaves a child holding the port — and its lock — for that many seconds, or {@code forever} (an hour):
 * the port is free some time after the stop returned, or never (until {@link #close()}).</li>
 * </ul>
 * What it saw lands in the state folder: {@code rnsd.config-seen}, {@code rnsd.detect} (the hex
 * answer), {@code rnsd.holding} (the port it holds), {@code rnsd.ready}, {@code rnsd.failed},
 * {@code rnsd.linger.pid} (the child still holding the port after the stop).
 */
public final class FakeRnsd implements AutoCloseable {

    private final Path state;
    private final Path rnsd;

    private FakeRnsd(Path state, Path rnsd) {
        this.state = state;
        this.rnsd = rnsd;
    }

    /** Writes the fake systemctl into {@code fakes} and the fake rnsd where RetiNet's would be under the host root. */
    public static FakeRnsd install(FakeExecutables fakes, Path hostRoot, Path state) throws IOException {
        Files.createDirectories(state);
        fakes.script("systemctl", systemctl(hostRoot, state));
        Path rnsd = hostRoot.resolve("var/lib/retinet/current/bin/rnsd");
        Files.createDirectories(rnsd.getParent());
        Files.writeString(rnsd, rnsd(state), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(rnsd, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new FakeRnsd(state, rnsd);
    }

    public Path state() {
        return state;
    }

    /** The fake rnsd executable (delete it to play "RetiNet not installed"). */
    public Path executable() {
        return rnsd;
    }

    /** The pid of the running fake rnsd. */
    public Optional<Long> pid() throws IOException {
        Path f = state.resolve("rnsd.pid");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readString(f).strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    }

    public boolean running() throws IOException {
        return pid().isPresent();
    }

    /** From the next start: rnsd locks the port as a serial library in exclusive mode does. */
    public void lockPort() throws IOException {
        Files.writeString(state.resolve("exclusive"), "");
    }

    /** From the next stop: the port stays held for {@code seconds} (or {@code forever}) after rnsd exits. */
    public void releasePortLate(String seconds) throws IOException {
        Files.writeString(state.resolve("linger"), seconds);
    }

    /** The child of a stopped rnsd that still holds the port, if it is alive. */
    public Optional<Long> lingering() throws IOException {
        Path f = state.resolve("rnsd.linger.pid");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(f).strip())).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    }

    /** Ends the child holding the port after the stop: the port is free once it has exited. */
    public void releasePortNow() throws IOException {
        lingering().flatMap(ProcessHandle::of).ifPresent(h -> {
            h.destroy();
            h.onExit().join();
        });
    }

    /** The file rnsd wrote, or empty. */
    public Optional<String> read(String name) throws IOException {
        Path f = state.resolve(name);
        return Files.exists(f) ? Optional.of(Files.readString(f).strip()) : Optional.empty();
    }

    /** Kills a fake rnsd still running, so no process outlives the test. */
    @Override
    public void close() throws IOException {
        Optional<ProcessHandle> p = pid().flatMap(ProcessHandle::of);
        p.ifPresent(h -> {
            h.destroyForcibly();
            h.onExit().join();
        });
        releasePortNow();
    }

    static String systemctl(Path root, Path state) {
        return "state='" + state + "'\nroot='" + root + "'\n"
                + """
                verb="$1"; shift
                unit=""; quiet=no
                for a in "$@"; do case "$a" in --quiet) quiet=yes ;; --*) ;; *) unit="$a" ;; esac; done
                pidfile="$state/rnsd.pid"
                running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
                active() {
                  if [ "$unit" != rnsd.service ]; then echo inactive
                  elif running; then echo active
                  elif [ -f "$state/rnsd.failed" ]; then echo failed
                  else echo inactive; fi
                }
                case "$verb" in
                  show)
                    a=$(active)
                    case "$a" in active) sub=running ;; failed) sub=failed ;; *) sub=dead ;; esac
                    load=loaded
                    if [ "$unit" = rnsd.service ] && [ -f "$state/not-found" ]; then load=not-found; a=inactive; sub=dead; fi
                    ufs=$(cat "$state/unit-file-state" 2>/dev/null || echo disabled)
                    printf 'LoadState=%s\\nActiveState=%s\\nSubState=%s\\nUnitFileState=%s\\n' "$load" "$a" "$sub" "$ufs" ;;
                  is-active)
                    a=$(active); [ "$quiet" = yes ] || echo "$a"; [ "$a" = active ] ;;
                  is-enabled)
                    echo disabled; exit 1 ;;
                  start)
                    [ "$unit" = rnsd.service ] || { echo "fake systemctl: only rnsd.service is started here" >&2; exit 5; }
                    if [ -f "$state/fail-start" ]; then cat "$state/fail-start" >&2; exit 1; fi
                    running && exit 0
                    rm -f "$state/rnsd.failed" "$state/rnsd.ready" "$state/rnsd.detect" "$state/rnsd.holding" "$state/rnsd.linger.pid"
                    exe="$root/var/lib/retinet/current/bin/rnsd"
                    if [ ! -x "$exe" ]; then
                      touch "$state/rnsd.failed"
                      echo "Job for rnsd.service failed because the control process exited with error code (203/EXEC)." >&2
                      exit 1
                    fi
                    setsid "$exe" --config "$root/var/lib/reticulum" </dev/null >>"$state/rnsd.log" 2>&1 &
                    echo "$!" > "$pidfile"
                    exit 0 ;;
                  stop)
                    if running; then
                      pid=$(cat "$pidfile")
                      kill -TERM "$pid"
                      for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
                    fi
                    rm -f "$pidfile"
                    exit 0 ;;
                  *) echo "fake systemctl: unexpected verb $verb" >&2; exit 2 ;;
                esac""";
    }

    static String rnsd(Path state) {
        return "#!/bin/bash\n# Fake rnsd for tests (see FakeRnsd).\nstate='" + state + "'\n"
                + """
                config_dir=""
                while [ $# -gt 0 ]; do case "$1" in --config) config_dir="$2"; shift 2 ;; *) shift ;; esac; done
                fail() { echo "rnsd: $*" >&2; touch "$state/rnsd.failed"; exit 1; }
                cp "$config_dir/config" "$state/rnsd.config-seen" || fail "no config in $config_dir"
                port=$(sed -n 's/^[[:space:]]*port[[:space:]]*=[[:space:]]*//p' "$config_dir/config" | head -n 1)
                port="${port%\\"}"; port="${port#\\"}"
                idle=""
                on_term() {
                  rm -f "$state/rnsd.holding"
                  [ -z "$idle" ] || kill "$idle" 2>/dev/null
                  if [ -n "$port" ] && [ -f "$state/linger" ]; then
                    # A child that inherited the port outlives rnsd: the port stays open (and locked).
                    linger=$(cat "$state/linger")
                    [ "$linger" = forever ] && linger=3600 # far beyond any bound under test; close() ends it
                    sleep "$linger" &
                    echo "$!" > "$state/rnsd.linger.pid"
                  fi
                  exit 0
                }
                trap on_term TERM
                # An unplugged device hangs up its terminal; rnsd keeps running and retries the interface.
                # (Ignored signals stay ignored in children: a lingering child survives rnsd's exit too.)
                trap '' HUP
                if [ -n "$port" ]; then
                  # Opened by a session leader, the port becomes rnsd's controlling terminal: read it in
                  # the foreground (timeout --foreground), or the terminal stops the reader.
                  exec 3<>"$port" || fail "cannot open $port"
                  if [ -f "$state/exclusive" ]; then flock -n 3 || fail "$port is locked by another program"; fi
                  # As rnsd does through its serial library: 115200 8N1, raw, no echo (mesh-radio.md §5.1).
                  stty raw -echo 115200 cs8 -cstopb -parenb -crtscts -ixon -ixoff <&3 || fail "cannot set up $port"
                  printf '\\xc0\\x08\\x73\\xc0' >&3
                  answer=$(timeout --foreground 10 dd bs=1 count=4 <&3 2>/dev/null | od -An -tx1 | tr -d ' \\n')
                  printf '%s\\n' "$answer" > "$state/rnsd.detect"
                  printf '%s\\n' "$port" > "$state/rnsd.holding"
                fi
                touch "$state/rnsd.ready"
                # Idle until stopped (the trap interrupts the wait); the idle child does not get the port,
                # and ends by itself should rnsd be killed outright.
                while :; do sleep 5 3>&- & idle=$!; wait "$idle"; done
                """;
    }
}
