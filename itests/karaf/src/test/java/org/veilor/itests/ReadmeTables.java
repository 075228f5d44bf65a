package org.veilor.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of the repository README that name configuration PIDs (a {@code PID} or {@code PIDs}
 * column), read at test time so rows added later are covered too: every PID, whether the README
 * calls it a factory PID ({@code factory `pid`}), the keys it names for it (a {@code keys} column:
 * the first backticked word of each comma-separated item, parenthesised defaults aside) and the
 * feature of its row (a {@code feature} column).
 */
final class ReadmeTables {

    /** One PID as the README describes it; {@code line} is where it first appears (1-based). */
    record Pid(String pid, boolean factory, String feature, List<String> keys, int line) {
    }

    private static final Pattern PID = Pattern.compile("(factory\\s+)?`(org\\.veilor(?:\\.[A-Za-z0-9_-]+)*)`");
    private static final Pattern KEY = Pattern.compile("^`([A-Za-z][A-Za-z0-9_.]*)`");
    private static final Pattern FEATURE = Pattern.compile("`([a-z0-9-]+)`");

    private ReadmeTables() {
    }

    static List<Pid> read(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        Map<String, Pid> pids = new LinkedHashMap<>();
        int i = 0;
        while (i < lines.size()) {
            if (!(row(lines.get(i)) && i + 1 < lines.size() && lines.get(i + 1).matches("\\|[-:| ]+\\|\\s*"))) {
                i++;
                continue;
            }
            List<String> header = cells(lines.get(i));
            int pidColumn = column(header, "pid", "pids");
            int featureColumn = column(header, "feature");
            int keysColumn = -1;
            for (int c = 0; c < header.size(); c++) {
                keysColumn = header.get(c).toLowerCase().startsWith("keys") ? c : keysColumn;
            }
            for (i += 2; i < lines.size() && row(lines.get(i)); i++) {
                List<String> cells = cells(lines.get(i));
                if (pidColumn < 0 || pidColumn >= cells.size()) {
                    continue;
                }
                String feature = featureColumn >= 0 ? first(FEATURE, cells.get(featureColumn)) : null;
                List<String> keys = keysColumn >= 0 ? keys(cells.get(keysColumn)) : List.of();
                Matcher m = PID.matcher(cells.get(pidColumn));
                while (m.find()) {
                    Pid seen = new Pid(m.group(2), m.group(1) != null, feature, keys, i + 1);
                    pids.merge(seen.pid(), seen, ReadmeTables::merge);
                }
            }
        }
        return new ArrayList<>(pids.values());
    }

    private static Pid merge(Pid a, Pid b) {
        List<String> keys = new ArrayList<>(a.keys());
        b.keys().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        return new Pid(a.pid(), a.factory() || b.factory(), a.feature() != null ? a.feature() : b.feature(), keys, a.line());
    }

    /** The keys of a "keys (defaults)" cell: {@code `a` (`x`: why), `b` (8)} gives a, b. */
    static List<String> keys(String cell) {
        String flat = cell;
        String before;
        do {
            before = flat;
            flat = flat.replaceAll("\\([^()]*\\)", "");
        } while (!flat.equals(before));
        List<String> keys = new ArrayList<>();
        for (String item : flat.split(",")) {
            Matcher m = KEY.matcher(item.strip());
            if (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    private static boolean row(String line) {
        return line.startsWith("|");
    }

    private static List<String> cells(String line) {
        String s = line.strip();
        s = s.substring(1, s.endsWith("|") ? s.length() - 1 : s.length());
        List<String> cells = new ArrayList<>();
        for (String c : s.split("\\|", -1)) {
            cells.add(c.strip());
        }
        return cells;
    }

    private static int column(List<String> header, String... names) {
        for (int c = 0; c < header.size(); c++) {
            for (String n : names) {
                if (header.get(c).equalsIgnoreCase(n)) {
                    return c;
                }
            }
        }
        return -1;
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
