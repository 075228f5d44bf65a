package org.veilor.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real browser and a real QR reader, as a person would use them: Debian's Chromium, headless,
 * with a fresh profile and nothing that reaches out (this machine's network is closed), takes a
 * screenshot; Debian's zbarimg reads the QR codes in it.
 */
final class Browser {

    private Browser() {
    }

    /** Opens a URL and saves a screenshot of the window. */
    static Path screenshot(String url, Path dir, String name) throws IOException, InterruptedException {
        Path shot = dir.resolve(name);
        Path profile = Files.createTempDirectory(dir, "chromium-profile-");
        List<String> argv = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--window-size=1000,1500", "--virtual-time-budget=5000", "--screenshot=" + shot, url);
        String out = run(argv, 180);
        if (!Files.exists(shot) || Files.size(shot) == 0) {
            throw new AssertionError("chromium made no screenshot of " + url + ":\n" + out);
        }
        return shot;
    }

    /** The texts of the QR codes zbarimg finds in an image (none: empty). */
    static List<String> zbarimg(Path image) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("zbarimg", "--raw", "-q", image.toString())).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("zbarimg did not finish");
        }
        if (p.exitValue() == 4) {
            return List.of(); // no symbol found
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("zbarimg failed (" + p.exitValue() + "): " + err);
        }
        List<String> codes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                codes.add(line.strip());
            }
        }
        return codes;
    }

    private static String run(List<String> argv, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(argv.get(0) + " did not finish within " + seconds + " s");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
