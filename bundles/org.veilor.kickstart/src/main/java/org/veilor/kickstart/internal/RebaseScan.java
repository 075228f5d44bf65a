package org.veilor.kickstart.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.veilor.kickstart.KsSection;

/**
 * Finds image switches in a {@code %post} body: {@code bootc switch} and {@code rpm-ostree rebase},
 * run now or written down for a later boot (inside a here-document, an {@code ExecStart=}, or a
 * unit with "rebase" in its name that gets enabled).
 */
final class RebaseScan {

    private static final Pattern HEREDOC = Pattern.compile("<<(-?)\\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)['\"]?");
    private static final Pattern SPLIT = Pattern.compile("\\s*(?:;|&&|\\|\\||\\||\\$\\(|`|\\))\\s*");
    /** bootc switch options that take a value; the first other word is the image. */
    private static final Set<String> BOOTC_VALUE_OPTS = Set.of("--transport", "--soft-reboot", "--target-imgref");
    private static final Set<String> RPM_OSTREE_VALUE_OPTS = Set.of("--branch", "-b", "--remote", "-m", "--os",
            "--sysroot", "--custom-origin-url", "--custom-origin-description", "--install", "--uninstall");

    private RebaseScan() {
    }

    /**
     * One image switch found.
     *
     * @param line the body line it starts on
     * @param tool {@code bootc switch} or {@code rpm-ostree rebase}
     * @param target the image as written (may be empty)
     * @param mutateInPlace whether {@code --mutate-in-place} was given
     * @param deferred whether it runs at a later boot rather than now
     */
    record Switch(int line, String tool, String target, boolean mutateInPlace, boolean deferred) {
    }

    static List<Switch> scan(KsSection post) {
        List<Switch> found = new ArrayList<>();
        List<String> body = post.body();
        String heredocEnd = null;
        boolean heredocTabs = false;
        int i = 0;
        while (i < body.size()) {
            int start = i;
            StringBuilder logical = new StringBuilder(body.get(i));
            // Shell line continuations: one logical command.
            while (endsWithBackslash(logical) && i + 1 < body.size() && heredocEnd == null) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(body.get(++i));
            }
            i++;
            String line = logical.toString();
            if (heredocEnd != null) {
                String cmp = heredocTabs ? line.replaceFirst("^\\t+", "") : line;
                if (cmp.equals(heredocEnd)) {
                    heredocEnd = null;
                    continue;
                }
                lineSwitches(line, post.bodyLine(start), true, found);
                continue;
            }
            if (enablesRebaseUnit(line)) {
                found.add(new Switch(post.bodyLine(start), "systemctl enable", line.strip(), false, true));
            }
            boolean deferred = line.contains("ExecStart");
            lineSwitches(line, post.bodyLine(start), deferred, found);
            Matcher m = HEREDOC.matcher(line);
            if (m.find()) {
                heredocTabs = !m.group(1).isEmpty();
                heredocEnd = m.group(2);
            }
        }
        return found;
    }

    private static boolean endsWithBackslash(CharSequence s) {
        return s.length() > 0 && s.charAt(s.length() - 1) == '\\';
    }

    private static boolean enablesRebaseUnit(String line) {
        List<String> w = words(line);
        int k = w.indexOf("systemctl");
        return k >= 0 && w.contains("enable") && w.stream().skip(k).anyMatch(x -> x.contains("rebase"));
    }

    private static void lineSwitches(String line, int lineNo, boolean deferred, List<Switch> found) {
        String text = line.strip();
        if (text.startsWith("#")) {
            return;
        }
        int eq = text.indexOf("ExecStart");
        if (eq >= 0) {
            int e = text.indexOf('=', eq);
            text = e < 0 ? text : text.substring(e + 1);
        }
        for (String part : SPLIT.split(text)) {
            List<String> w = words(part);
            for (int k = 0; k + 1 < w.size(); k++) {
                String tool = base(w.get(k));
                if (tool.equals("bootc") && w.get(k + 1).equals("switch")) {
                    List<String> args = w.subList(k + 2, w.size());
                    found.add(new Switch(lineNo, "bootc switch", target(args, BOOTC_VALUE_OPTS),
                            args.contains("--mutate-in-place"), deferred));
                } else if (tool.equals("rpm-ostree") && w.get(k + 1).equals("rebase")) {
                    found.add(new Switch(lineNo, "rpm-ostree rebase",
                            target(w.subList(k + 2, w.size()), RPM_OSTREE_VALUE_OPTS), false, deferred));
                }
            }
        }
    }

    private static String base(String word) {
        int slash = word.lastIndexOf('/');
        return slash < 0 ? word : word.substring(slash + 1);
    }

    private static String target(List<String> args, Set<String> valueOpts) {
        for (int k = 0; k < args.size(); k++) {
            String a = args.get(k);
            if (a.startsWith("-")) {
                if (valueOpts.contains(a)) {
                    k++;
                }
                continue;
            }
            return a;
        }
        return "";
    }

    private static List<String> words(String text) {
        try {
            return ShellWords.split(text).words();
        } catch (ShellWords.QuotingException e) {
            return List.of(text.trim().split("\\s+"));
        }
    }

    /** An image reference without transport and origin prefixes, for comparing "the same image". */
    static String normalise(String ref) {
        String r = ref.strip();
        for (String prefix : List.of("ostree-image-signed:", "ostree-unverified-registry:", "ostree-unverified-image:")) {
            if (r.startsWith(prefix)) {
                r = r.substring(prefix.length());
            }
        }
        for (String prefix : List.of("ostree-remote-image:", "ostree-remote-registry:")) {
            if (r.startsWith(prefix)) {
                String rest = r.substring(prefix.length());
                int colon = rest.indexOf(':');
                r = colon < 0 ? rest : rest.substring(colon + 1);
            }
        }
        for (String prefix : List.of("docker://", "registry:")) {
            if (r.startsWith(prefix)) {
                r = r.substring(prefix.length());
            }
        }
        return r;
    }
}
