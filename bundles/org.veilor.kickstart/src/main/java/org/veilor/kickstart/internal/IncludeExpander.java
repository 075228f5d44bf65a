package org.veilor.kickstart.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.veilor.core.Finding;
import org.veilor.kickstart.IncludeResolver;
import org.veilor.kickstart.KickstartDocument;
import org.veilor.kickstart.KickstartParser;
import org.veilor.kickstart.KickstartSyntaxException;
import org.veilor.kickstart.KsInclude;
import org.veilor.kickstart.KsItem;

/**
 * Flattens a kickstart and the files it {@code %include}s into one list of items, each with its
 * file, as Anaconda reads them. Included files that cannot be read stay as include items.
 */
public final class IncludeExpander {

    /** Anaconda has no limit, but a cycle must stop somewhere. */
    static final int MAX_DEPTH = 8;

    private IncludeExpander() {
    }

    public static List<Located> expand(KickstartDocument doc, String source, IncludeResolver resolver,
            List<Finding> out) {
        List<Located> items = new ArrayList<>();
        add(doc, source, resolver, 0, items, out);
        return items;
    }

    private static void add(KickstartDocument doc, String source, IncludeResolver resolver, int depth,
            List<Located> items, List<Finding> out) {
        for (KsItem item : doc.items()) {
            Located here = new Located(source, item);
            if (!(item instanceof KsInclude inc)) {
                items.add(here);
                continue;
            }
            Optional<IncludeResolver.Included> included = resolve(resolver, source, inc.path());
            if (included.isEmpty()) {
                items.add(here);
                out.add(Finding.warning("kickstart.include-not-followed", inc.directive() + " " + Lines.printable(inc.path())
                        + " cannot be read here (written at install time?); its content is not checked", here.at()));
                continue;
            }
            if (depth >= MAX_DEPTH) {
                out.add(Finding.error("kickstart.include-depth",
                        "%include nested more than " + MAX_DEPTH + " deep (an include cycle?)", here.at()));
                continue;
            }
            try {
                KickstartDocument sub = KickstartParser.parse(included.get().text(), included.get().name());
                add(sub, included.get().name(), resolver, depth + 1, items, out);
            } catch (KickstartSyntaxException e) {
                out.add(Finding.error("kickstart.syntax", e.problem(), e.source() + ":" + e.line()));
            }
        }
    }

    private static Optional<IncludeResolver.Included> resolve(IncludeResolver resolver, String from, String path) {
        try {
            return resolver.resolve(from, path);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
