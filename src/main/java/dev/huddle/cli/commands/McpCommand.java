package dev.huddle.cli.commands;

import dev.huddle.boot.McpBoot;
import dev.huddle.boot.ServerClasses;
import dev.huddle.cli.Command;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.time.Clock;

/**
 * {@code huddle mcp}: an MCP server on stdin/stdout for one agent session (docs/decisions.md,
 * "MCP (issue 9)"). stdout carries JSON-RPC only; diagnostics go to stderr. Only this command and
 * {@code serve} load the MCP SDK ({@link ServerClasses}).
 */
public final class McpCommand implements Command {

    @Override
    public String name() {
        return "mcp";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("mcp", "serve the MCP tools on stdin/stdout (identity: --agent, HUDDLE_AGENT or start_session)")
                .build();
    }

    @Override
    public int run(Invocation inv) {
        // --agent, HUDDLE_AGENT, or the agent program's session already bound by its hooks.
        var agent = inv.caller().map(id -> id.value());
        // The raw descriptors: System.out may be wrapped by the CLI's output, which must stay silent.
        var session = new McpBoot.Stdio(inv.coordinator(), agent, version(), new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out), System.err, Clock.systemUTC());
        return ServerClasses.mcp().runStdio(session);
    }

    private static String version() {
        String v = McpCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
