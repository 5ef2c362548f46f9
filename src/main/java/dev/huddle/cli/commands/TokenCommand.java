package dev.huddle.cli.commands;

import dev.huddle.app.token.IssuedToken;
import dev.huddle.app.token.Revocation;
import dev.huddle.app.token.TokenView;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import dev.huddle.cli.args.UsageException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.time.TimeText;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code huddle token issue|list|revoke}: the server's bearer tokens (DESIGN §8). A local-admin
 * command: whoever can open the store may run it. {@code issue} prints the token alone on stdout,
 * so {@code T=$(huddle token issue --agent alice)} captures exactly the token.
 */
public final class TokenCommand implements Command {

    @Override
    public String name() {
        return "token";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("token issue --agent ID [--operator] [--ttl D] | token list | token revoke ID",
                        "bearer tokens for 'huddle serve': issue one (printed once, stored as a hash), list, revoke")
                .option(Option.flag("--operator", "issue: a human operator's token (any id; may force-release, direct)"))
                .option(Option.value("--ttl", "D", "issue: expire after D (e.g. 30d); default: until revoked"))
                .positionals(1, 2)
                .build();
    }

    @Override
    public int run(Invocation inv) {
        String sub = Subcommands.of(inv, "token", List.of("issue", "list", "revoke"));
        Subcommands.allow(inv, "token", sub, Map.of("issue", List.of("--operator", "--ttl")));
        return switch (sub) {
            case "issue" -> issue(inv);
            case "list" -> list(inv);
            default -> revoke(inv);
        };
    }

    private static int issue(Invocation inv) {
        Subcommands.words(inv, "token issue --agent ID [--operator] [--ttl D]", 0, 0);
        // The token's owner is named explicitly: HUDDLE_AGENT or a session would silently pick one.
        AgentId agent = AgentId.of(inv.args().value("--agent").orElseThrow(() -> new UsageException(
                "'huddle token issue' needs --agent ID: the agent (or, with --operator, the person) the token is for")));
        boolean operator = inv.args().has("--operator");
        Optional<Duration> ttl = inv.duration("--ttl", "--ttl");
        IssuedToken issued = inv.coordinator().tokens().issue(agent, operator, ttl);
        TokenView t = issued.token();
        if (inv.dryRun()) {
            Map<String, Object> json = JsonViews.token(t);
            json.put("dry_run", true);
            inv.out().json(json);
            inv.out().answer("dry run: would issue " + (operator ? "an operator" : "an agent") + " token for " + agent
                    + t.expiresAt().map(x -> " expiring " + TimeText.format(x)).orElse(""));
            return ExitCode.OK;
        }
        Map<String, Object> json = JsonViews.token(t);
        json.put("token", issued.secret());
        inv.out().json(json);
        inv.out().answer(issued.secret());
        inv.out().warn("token " + t.id() + " for " + agent + (operator ? " (operator)" : "")
                + " is shown once and stored only as a hash: keep it now (e.g. in HUDDLE_TOKEN)");
        return ExitCode.OK;
    }

    private static int list(Invocation inv) {
        Subcommands.words(inv, "token list", 0, 0);
        List<TokenView> all = inv.coordinator().tokens().list();
        inv.out().json(Map.of("tokens", all.stream().map(JsonViews::token).toList()));
        if (all.isEmpty()) {
            inv.out().line("no tokens; issue one with 'huddle token issue --agent ID'");
        }
        for (TokenView t : all) {
            inv.out().answer(t.id() + "  " + t.agent() + (t.operator() ? " (operator)" : "") + "  " + t.state()
                    + "  created " + TimeText.format(t.createdAt())
                    + "  expires " + t.expiresAt().map(TimeText::format).orElse("never")
                    + "  last used " + t.lastUsed().map(TimeText::format).orElse("never")
                    + t.revokedAt().map(x -> "  revoked " + TimeText.format(x)).orElse(""));
        }
        return ExitCode.OK;
    }

    private static int revoke(Invocation inv) {
        String id = Subcommands.words(inv, "token revoke ID", 1, 1).getFirst();
        Revocation r = inv.coordinator().tokens().revoke(id);
        Map<String, Object> json = new LinkedHashMap<>(JsonViews.token(r.token()));
        json.put("changed", r.changed());
        json.put("dry_run", inv.dryRun());
        inv.out().json(json);
        inv.out().answer(!r.changed() ? "token " + r.token().id() + " was already revoked"
                : (inv.dryRun() ? "dry run: would revoke token " : "revoked token ") + r.token().id() + " of " + r.token().agent());
        return ExitCode.OK;
    }
}
