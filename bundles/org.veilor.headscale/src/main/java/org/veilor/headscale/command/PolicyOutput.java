package org.veilor.headscale.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.headscale.internal.policy.CheckResult;
import org.veilor.headscale.internal.policy.PolicyDiff;
import org.veilor.headscale.internal.policy.PolicyReport;
import org.veilor.headscale.internal.rollout.PolicyPlan;
import org.veilor.headscale.internal.rollout.PolicyPush;

/** How {@code headscale:policy} prints checks, a diff and the history, as text or JSON. */
final class PolicyOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyOutput() {
    }

    static void checks(PolicyReport report, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Check");
        table.column("Result");
        table.column("Detail").maxSize(110).wrap();
        for (CheckResult c : report.checks()) {
            if (c.passed()) {
                table.addRow().addContent(c.name(), "pass", "");
            } else {
                for (int i = 0; i < c.failures().size(); i++) {
                    table.addRow().addContent(i == 0 ? c.name() : "", i == 0 ? "FAIL" : "", c.failures().get(i));
                }
            }
        }
        table.print(out);
        for (String n : report.notes()) {
            out.println("note: " + n);
        }
    }

    /** Where the comparison stands: which server, and its policy. */
    static String against(PolicyPlan plan) {
        return "Against the policy on " + plan.serverUrl() + " (Headscale " + plan.version() + ", "
                + (plan.server().text().isBlank() ? "none stored: Headscale allows all" : plan.server().updatedAt() == null ? "stored"
                        : "stored " + Commands.date(plan.server().updatedAt())) + "):";
    }

    /** The change in words, losses first, and the pair counts. */
    static void diff(PolicyPlan plan, PrintStream out) {
        out.println(against(plan));
        PolicyDiff d = plan.diff();
        if (d == null) {
            out.println("  (no diff: " + plan.diffProblem() + ")");
            return;
        }
        if (d.isEmpty()) {
            out.println("  no allowed pair changes");
        }
        d.lines().forEach(l -> out.println("  " + l));
        out.println("Pairs: " + d.pairsBefore() + " -> " + d.pairsAfter() + " (" + d.gains().size() + " gained, " + d.losses().size() + " lost).");
    }

    static String diffJson(PolicyPlan plan) throws JsonProcessingException {
        ObjectNode o = JSON.createObjectNode().put("server", plan.serverUrl()).put("version", plan.version().toString());
        o.put("serverPolicy", plan.server().text().isBlank() ? "none" : "stored");
        if (plan.server().updatedAt() != null) {
            o.put("serverPolicyUpdatedAt", plan.server().updatedAt().toString());
        }
        o.put("checksPassed", plan.report().passed());
        PolicyDiff d = plan.diff();
        if (d == null) {
            o.put("problem", plan.diffProblem());
        } else {
            o.put("pairsBefore", d.pairsBefore()).put("pairsAfter", d.pairsAfter());
            changes(o.putArray("losses"), d.losses(), "loses");
            changes(o.putArray("gains"), d.gains(), "gains");
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    }

    private static void changes(ArrayNode array, List<PolicyDiff.Change> changes, String verb) {
        for (PolicyDiff.Change c : changes) {
            ObjectNode n = array.addObject().put("source", c.source()).put("destination", c.destination()).put("ports", c.ports());
            if (!c.proto().isEmpty()) {
                n.put("proto", c.proto());
            }
            n.put("text", c.words(verb));
        }
    }

    static void history(List<PolicyPush> pushes, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("#").alignRight();
        table.column("Pushed");
        table.column("By");
        table.column("What");
        table.column("State");
        table.column("Pairs").alignRight();
        table.column("Change");
        table.column("Answer / finding").maxSize(90).wrap();
        for (PolicyPush p : pushes) {
            String detail = p.finding() != null ? p.finding().severity() + " " + p.finding().code() + ": " + p.finding().message()
                    : p.answer() == null ? "" : p.answer();
            table.addRow().addContent(p.id(), Commands.date(p.pushedAt()), p.pushedBy(), p.origin(), p.state().label(), p.pairCount(),
                    p.change(), detail);
        }
        table.print(out);
        out.println(pushes.size() + " stored polic" + (pushes.size() == 1 ? "y" : "ies") + ".");
    }

    static String historyJson(List<PolicyPush> pushes) throws JsonProcessingException {
        ArrayNode a = JSON.createArrayNode();
        for (PolicyPush p : pushes) {
            ObjectNode n = a.addObject().put("id", p.id()).put("pushedAt", p.pushedAt().toString()).put("pushedBy", p.pushedBy())
                    .put("origin", p.origin()).put("server", p.serverUrl()).put("version", p.serverVersion()).put("state", p.state().label())
                    .put("pairs", p.pairCount());
            if (p.gained() != null) {
                n.put("gained", p.gained()).put("lost", p.lost());
            }
            n.put("answer", p.answer()).put("watch", p.watch());
            if (p.finding() != null) {
                n.putObject("finding").put("severity", p.finding().severity().name()).put("code", p.finding().code())
                        .put("message", p.finding().message()).put("location", p.finding().location());
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(a);
    }
}
