package dev.huddle.cli.commands;

import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.UsageException;
import dev.huddle.core.HuddleException;
import dev.huddle.integration.install.FileOutcome;
import dev.huddle.integration.install.HookUrl;
import dev.huddle.integration.install.HttpHookServers;
import dev.huddle.integration.install.InstallReport;
import dev.huddle.integration.install.InstallTarget;
import dev.huddle.integration.install.Program;
import dev.huddle.integration.install.Scope;
import dev.huddle.cli.Launcher;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What {@code install} and {@code uninstall} share: reading the target from the command line, and rendering the report. */
final class InstallOutput {

    private InstallOutput() {}

    /** The target named by the arguments: program, --scope, the repository, HOME and CODEX_HOME, the launcher. */
    static InstallTarget target(Invocation inv, boolean agentsMd) {
        return target(inv, agentsMd, Optional.empty());
    }

    static InstallTarget target(Invocation inv, boolean agentsMd, Optional<String> http) {
        Program program = Program.parse(inv.args().positional(0));
        Scope scope = inv.args().value("--scope").map(Scope::parse).orElse(Scope.PROJECT);
        Path home = inv.env("HOME").map(Path::of).orElseThrow(() -> HuddleException.failed("HOME is not set"));
        Path codexHome = inv.env("CODEX_HOME").map(Path::of).orElse(home.resolve(".codex"));
        return new InstallTarget(program, scope, inv.runtime().location().repoRoot(), home, codexHome,
                Launcher.locate(inv), agentsMd, http);
    }

    /**
     * The server's base URL from {@code --http}, checked: only Claude Code takes HTTP hooks; the other
     * programs' command hooks reach a configured server by themselves.
     */
    static Optional<String> http(Invocation inv) {
        Optional<String> url = inv.args().value("--http");
        if (url.isEmpty()) {
            return url;
        }
        Program program = Program.parse(inv.args().positional(0));
        if (program != Program.CLAUDE) {
            throw new UsageException("--http is for Claude Code only: " + program.title() + " has no HTTP hooks;"
                    + " its command hooks use the server by themselves when one is configured: install without --http");
        }
        String base = HookUrl.parse(url.get());
        switch (HttpHookServers.claudeHooks(base, HOOK_PROBE)) {
            case UNREACHABLE -> throw HuddleException.failed("no Huddle server answers at " + base
                    + ": start it with 'huddle serve' first (Claude Code's PreToolUse HTTP hook blocks every edit"
                    + " while its server is down), or install command hooks without --http");
            case NOT_SERVED -> throw HuddleException.failed("the server at " + base + " does not answer Claude Code's"
                    + " hooks (its /api/v1/health lists no \"claude\" under \"hooks\"): installing HTTP hooks against it"
                    + " would block every edit; install command hooks without --http");
            case SERVED -> { }
        }
        return Optional.of(base);
    }

    /** How long install waits for the server's health answer before calling it unreachable. */
    private static final java.time.Duration HOOK_PROBE = java.time.Duration.ofSeconds(2);

    static void render(Invocation inv, InstallReport r, String verb) {
        inv.out().json(json(r));
        String where = r.program().title() + " (" + r.scope().label() + " scope)";
        inv.out().answer((r.dryRun() ? "dry run: " + verb + " " : verb + " ") + where
                + (r.dryRun() ? ": nothing was written" : ""));
        for (FileOutcome f : r.files()) {
            inv.out().answer("  " + f.path() + ": " + (r.dryRun() ? "would be " : "") + f.change().label()
                    + f.backup().filter(b -> f.change() != FileOutcome.Change.CREATED).map(b -> " (original in " + b + ")").orElse(""));
        }
        if (verb.equals("install") && r.events().isEmpty()) {
            inv.out().line("  mcp server: huddle -> " + r.command() + " (stdio)");
        } else if (verb.equals("install") && r.url().isPresent()) {
            inv.out().line("  hooks: " + r.events().getFirst() + " -> " + r.command() + "; "
                    + String.join(", ", r.events().subList(1, r.events().size())) + " -> " + r.url().get());
        } else if (verb.equals("install")) {
            inv.out().line("  hooks: " + String.join(", ", r.events()) + " -> " + r.command());
        }
        r.notes().forEach(n -> inv.out().line("note: " + n));
        r.problems().forEach(p -> inv.out().warn(p));
        if (r.dryRun()) {
            r.files().stream().filter(f -> !f.diff().isEmpty()).forEach(f -> inv.out().answer(f.diff().stripTrailing()));
        }
    }

    private static Map<String, Object> json(InstallReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("program", r.program().id());
        m.put("scope", r.scope().label());
        m.put("dry_run", r.dryRun());
        m.put("files", r.files().stream().map(f -> {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("path", f.path().toString());
            fm.put("change", f.change().label());
            f.backup().ifPresent(b -> fm.put("backup", b.toString()));
            if (r.dryRun() && !f.diff().isEmpty()) {
                fm.put("diff", f.diff());
            }
            return fm;
        }).toList());
        m.put("events", r.events());
        m.put("command", r.command());
        r.url().ifPresent(u -> m.put("url", u));
        m.put("notes", r.notes());
        m.put("problems", r.problems());
        return m;
    }
}
