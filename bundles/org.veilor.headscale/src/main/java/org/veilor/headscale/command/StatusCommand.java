package org.veilor.headscale.command;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.ServerVersion;

/** {@code headscale:status}: server, version and what it implies, health. */
@Command(scope = "headscale", name = "status", description = "Shows the Headscale server, its version (read or configured) and what the API and policy accept there, and its health.")
@Service
public class StatusCommand implements Action {

    @Reference(optional = true)
    HeadscaleClient client;

    @Override
    public Object execute() throws Exception {
        HeadscaleClient c = Commands.client(client);
        ServerVersion sv = c.refreshVersion();
        HeadscaleVersion v = sv.version();
        PrintStream out = System.out;
        out.println("server   " + c.serverUrl());
        out.println("version  " + sv);
        out.println("keys     user by " + switch (v.userReference()) {
            case NAME -> "name, required";
            case ID -> "ID, required";
            case OPTIONAL_ID -> "ID, optional for tagged keys";
        } + "; secrets " + (v.secretShownOnce() ? "shown only at creation" : "listed in full"));
        out.println("policy   tests " + (v.policyAcceptsTests() ? "accepted" : "not accepted (Veilor still runs them itself)")
                + "; unknown keys " + (v.policyRejectsUnknownKeys() ? "refused" : "ignored"));
        String health;
        try {
            health = c.health() ? "ok" : "database unreachable";
        } catch (HeadscaleException e) {
            health = e.getMessage();
        }
        out.println("health   " + health);
        return null;
    }
}
