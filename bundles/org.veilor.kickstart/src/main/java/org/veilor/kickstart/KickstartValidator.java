package org.veilor.kickstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.veilor.core.Finding;
import org.veilor.core.ReleaseStage;
import org.veilor.kickstart.internal.IncludeExpander;
import org.veilor.kickstart.internal.Located;
import org.veilor.kickstart.internal.OptionChecker;
import org.veilor.kickstart.internal.StrategyRules;
import org.veilor.kickstart.internal.TableChecks;

/**
 * Validates a kickstart in two layers, each finding located as {@code file:line}:
 * <ol>
 * <li>what pykickstart's Fedora 43 handler checks ({@code ksvalidator -v F43}): unknown commands,
 * unknown or misspelled options, missing required options, bad values, conflicting commands;</li>
 * <li>the strategy's rules for a veilor install (see {@link #validate}), unless switched off.</li>
 * </ol>
 */
public final class KickstartValidator {

    private KickstartValidator() {
    }

    /**
     * How to validate.
     *
     * @param stage the release stage the install is for (the bootc gate)
     * @param strategy whether to apply the strategy's rules on top of the F43 table
     * @param includes how to read {@code %include}d files
     */
    public record Options(ReleaseStage stage, boolean strategy, IncludeResolver includes) {

        public Options {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(includes, "includes");
        }

        /** Both layers, includes not followed. */
        public static Options strategy(ReleaseStage stage) {
            return new Options(stage, true, IncludeResolver.NONE);
        }

        /** Only the Fedora 43 command table, like {@code ksvalidator -v F43}. */
        public static Options f43Only() {
            return new Options(ReleaseStage.V0_5, false, IncludeResolver.NONE);
        }

        public Options withIncludes(IncludeResolver resolver) {
            return new Options(stage, strategy, resolver);
        }
    }

    /** Parses and validates; a syntax error is one error finding with its line. */
    public static List<Finding> validate(String text, String source, Options options) {
        try {
            return validate(KickstartParser.parse(text, source), source, options);
        } catch (KickstartSyntaxException e) {
            return List.of(Finding.error("kickstart.syntax", e.problem(), e.source() + ":" + e.line()));
        }
    }

    /** Validates a parsed kickstart; findings in file order, errors and warnings mixed. */
    public static List<Finding> validate(KickstartDocument doc, String source, Options options) {
        List<Finding> out = new ArrayList<>();
        List<Located> items = IncludeExpander.expand(doc, source, options.includes(), out);
        Map<Located, OptionChecker.Parsed> parsed = TableChecks.check(items, out);
        if (options.strategy()) {
            StrategyRules.check(items, parsed, options.stage(), source, out);
        }
        return List.copyOf(out);
    }

    /** Whether any finding is an error. */
    public static boolean hasErrors(List<Finding> findings) {
        return findings.stream().anyMatch(Finding::isError);
    }
}
