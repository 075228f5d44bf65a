package org.veilor.headscale.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.ServerVersion;
import org.veilor.headscale.internal.TierPolicyService;
import org.veilor.headscale.internal.policy.PolicyChecker;
import org.veilor.headscale.internal.policy.PolicyReport;
import org.veilor.headscale.internal.policy.TierModel;
import org.veilor.headscale.internal.policy.TierPolicyRenderer;
import org.veilor.headscale.internal.rollout.PolicyPlan;
import org.veilor.headscale.internal.rollout.PolicyPlanner;
import org.veilor.headscale.internal.rollout.PolicyPush;
import org.veilor.headscale.internal.rollout.PolicyRollout;
import org.veilor.headscale.internal.rollout.PolicyRolloutService;
import org.veilor.headscale.internal.rollout.PushState;

/**
 * {@code headscale:policy}: renders the tier policy (or reads {@code --file}), evaluates it, and
 * shows the results; {@code --diff} shows the allowed pairs it gains and loses against the server's;
 * {@code --push} and {@code --rollback} push only when every check passes and the operator confirmed
 * any loss, record the push and watch the admin machines (keep-last-good); {@code --history} lists
 * the stored pushes.
 */
@Command(scope = "headscale", name = "policy", description = "Renders the tier policy for the server's Headscale version (or evaluates --file) and checks it "
        + "with Veilor's own evaluator; --diff shows the allowed (source, destination:port) pairs it gains and loses against the server's policy; "
        + "--push (or --rollback N) pushes it only when every check passes and any lost pair is confirmed, records it and watches the admin "
        + "machines, pushing the last good policy back if one goes offline; --history lists the stored pushes.")
@Service
public class PolicyCommand implements Action {

    @Reference(optional = true)
    TierPolicyService tier;

    @Reference(optional = true)
    org.veilor.headscale.HeadscaleClient client;

    @Reference(optional = true)
    PolicyRolloutService rollouts;

    @Reference
    Session session;

    @Option(name = "--diff", description = "Show the allowed (source, destination:port) pairs the policy gains and loses against the policy on the server; pushes nothing")
    boolean diff;

    @Option(name = "--push", description = "Store the policy in Headscale (policy mode database) when every check passes and any lost pair is confirmed; "
            + "record it, read it back and watch the admin machines")
    boolean push;

    @Option(name = "--rollback", description = "Push stored policy N again (default: the newest good one the server does not hold), after the same checks")
    boolean rollback;

    @Argument(index = 0, name = "N", required = false, description = "With --rollback: the history number to restore (headscale:policy --history)")
    Long number;

    @Option(name = "--history", description = "List the stored pushes: when, who, state, pair count and change, the server's answer or the finding")
    boolean history;

    @Option(name = "--yes", aliases = "-y", description = "Confirm a push that loses pairs without asking (for scripts)")
    boolean yes;

    @Option(name = "--no-wait", description = "With --push or --rollback: return once pushed and read back; the watch goes on (see --history)")
    boolean noWait;

    @Option(name = "--json", aliases = "-j", description = "With --diff or --history: print JSON")
    boolean json;

    @Option(name = "--file", aliases = "-f", description = "Evaluate (and with --diff or --push, compare or push) this HuJSON policy file instead of rendering the tier policy")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--out", aliases = "-o", description = "Also write the policy to this file when every check passes (for policy mode file)")
    @Completion(FileCompleter.class)
    String out;

    @Option(name = "--version", aliases = "-v", description = "Render and check for this Headscale version instead of the server's (not with --push, --diff or --rollback)")
    String version;

    @Option(name = "--quiet", aliases = "-q", description = "Print only the check results, not the policy")
    boolean quiet;

    @Override
    public Object execute() throws Exception {
        int modes = (diff ? 1 : 0) + (push ? 1 : 0) + (rollback ? 1 : 0) + (history ? 1 : 0);
        if (modes > 1) {
            throw new IllegalArgumentException("give one of --diff, --push, --rollback and --history");
        }
        if (number != null && !rollback) {
            throw new IllegalArgumentException("a history number goes with --rollback");
        }
        if ((file != null || out != null) && (rollback || history)) {
            throw new IllegalArgumentException("--file and --out go with checking, --diff and --push, not with --rollback or --history");
        }
        if (version != null && modes > 0) {
            throw new IllegalArgumentException("--version renders for another Headscale than the server; drop it to diff, push or roll back");
        }
        PrintStream console = System.out;
        if (history) {
            var pushes = rollout().history();
            if (json) {
                console.println(PolicyOutput.historyJson(pushes));
            } else {
                PolicyOutput.history(pushes, console);
            }
            return null;
        }
        if (rollback) {
            PolicyRollout r = rollout();
            PolicyPush target = r.rollbackTarget(number);
            console.println("Rolling back to #" + target.id() + " (" + target.origin() + ", pushed " + Commands.date(target.pushedAt()) + " by "
                    + target.pushedBy() + ", " + target.state().label() + ").");
            return pushPlan(r, r.plan(target.policy(), "rollback to #" + target.id()), console);
        }
        TierModel model = Commands.tier(tier).settings().model();
        if (diff) {
            PolicyPlan plan = new PolicyPlanner(Commands.client(client), model).plan(candidate(model, null), origin());
            if (plan.diff() == null) {
                throw new IllegalStateException(plan.diffProblem());
            }
            if (json) {
                console.println(PolicyOutput.diffJson(plan));
            } else {
                PolicyOutput.diff(plan, console);
                console.println(plan.report().passed() ? "All " + plan.report().checks().size() + " checks pass."
                        : plan.report().failed().size() + " of " + plan.report().checks().size() + " checks fail (headscale:policy"
                                + (file == null ? "" : " --file " + file) + " shows them): it would not be pushed.");
            }
            return null;
        }
        if (push) {
            PolicyRollout r = rollout();
            return pushPlan(r, r.plan(candidate(model, null), origin()), console);
        }
        return check(model, console);
    }

    /** The default: render (or read), evaluate for the server's version or --version, print, write --out. */
    private Object check(TierModel model, PrintStream console) throws Exception {
        HeadscaleVersion target;
        String source;
        if (version != null) {
            target = HeadscaleVersion.parse(version);
            source = "given with --version";
        } else {
            ServerVersion sv = Commands.client(client).serverVersion();
            target = sv.version();
            source = sv.source();
        }
        String policy = candidate(model, target);
        if (!quiet) {
            console.print(policy);
            console.println();
        }
        PolicyReport report = new PolicyChecker(model).check(policy, target);
        console.println("Checked for Headscale " + target + " (" + source + "):");
        PolicyOutput.checks(report, console);
        if (!report.passed()) {
            throw new IllegalStateException("policy refused: " + report.failed().size() + " of " + report.checks().size() + " checks failed"
                    + report.failureSummary());
        }
        console.println("All " + report.checks().size() + " checks passed.");
        writeOut(policy, console);
        return null;
    }

    /** Checks, diff, confirmation, push, and the watch's outcome. */
    private Object pushPlan(PolicyRollout r, PolicyPlan plan, PrintStream console) throws Exception {
        if (!quiet) {
            console.print(plan.candidate());
            console.println();
        }
        console.println("Checked for Headscale " + plan.version() + " (" + plan.versionSource() + "):");
        PolicyOutput.checks(plan.report(), console);
        if (!plan.report().passed()) {
            throw new IllegalStateException("policy refused: " + plan.report().failed().size() + " of " + plan.report().checks().size()
                    + " checks failed, nothing was pushed" + plan.report().failureSummary());
        }
        console.println("All " + plan.report().checks().size() + " checks passed.");
        PolicyOutput.diff(plan, console);
        if (plan.needsConfirmation() && !yes) {
            Confirmation.require(session, plan.diff() == null ? "The change cannot be evaluated against the server's policy. Push anyway?"
                    : "Push and lose " + plan.diff().losses().size() + " pair(s)?");
        }
        writeOut(plan.candidate(), console);
        PolicyRollout.Pushed pushed = r.push(plan, Confirmation.who(session));
        PolicyPush p = pushed.push();
        console.println("Pushed #" + p.id() + " to " + plan.serverUrl() + " (Headscale " + plan.version() + "): " + p.answer());
        if (p.state() == PushState.FAILED) {
            throw new IllegalStateException("push #" + p.id() + " failed: " + p.answer());
        }
        if (p.state().mayBeLive()) {
            console.println("Watching the " + TierModel.ADMIN + " machines Headscale reports online for " + Commands.duration(tier.settings().watchWindow())
                    + "; the last good policy goes back if one goes offline.");
        }
        if (noWait && !pushed.outcome().isDone()) {
            console.println("Not waiting: headscale:policy --history shows how #" + p.id() + " ends.");
            return null;
        }
        PolicyPush end;
        try {
            end = pushed.outcome().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            console.println("Stopped waiting; the watch goes on: headscale:policy --history shows how #" + p.id() + " ends.");
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the watch of push #" + p.id() + " failed: " + e.getCause().getMessage(), e.getCause());
        }
        if (end.watch() != null) {
            console.println("#" + end.id() + " " + end.watch());
        }
        if (end.state() != PushState.GOOD) {
            String finding = end.finding() == null ? "" : ": " + end.finding();
            throw new IllegalStateException("push #" + end.id() + " ended " + end.state().label() + finding);
        }
        console.println("#" + end.id() + " is the last good policy.");
        return null;
    }

    private String candidate(TierModel model, HeadscaleVersion target) throws Exception {
        if (file != null) {
            return PolicyFiles.read(Path.of(file));
        }
        HeadscaleVersion v = target != null ? target : Commands.client(client).serverVersion().version();
        return TierPolicyRenderer.render(model, v);
    }

    private String origin() {
        return file != null ? "file " + Path.of(file).toAbsolutePath() : "tier policy (org.veilor.headscale)";
    }

    private void writeOut(String policy, PrintStream console) throws Exception {
        if (out != null) {
            Path target = Path.of(out).toAbsolutePath();
            Commands.write(target, policy, "rw-r--r--");
            console.println("Written to " + target + " (reload Headscale to apply: systemctl reload headscale).");
        }
    }

    private PolicyRollout rollout() {
        if (rollouts == null) {
            throw new IllegalStateException("the policy history is not available: it lives in the instance database (org.veilor.core.database); "
                    + "veilor:status shows whether the database and org.veilor.headscale.rollout are active");
        }
        return rollouts.rollout();
    }
}
