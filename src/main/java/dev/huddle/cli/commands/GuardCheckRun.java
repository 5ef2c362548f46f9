package dev.huddle.cli.commands;

import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.JsonViews;
import dev.huddle.cli.Output;
import dev.huddle.cli.TextViews;
import dev.huddle.core.Settings;
import dev.huddle.integration.guard.Git;
import dev.huddle.integration.guard.GuardCheck;
import dev.huddle.integration.guard.GuardMode;
import dev.huddle.integration.guard.NameStatus;
import dev.huddle.integration.guard.PushUpdate;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code huddle guard check}: the files a commit ({@code --staged}), a push ({@code --push REMOTE},
 * pre-push lines on stdin) or the working tree (neither) writes, checked against other agents'
 * exclusive leases. Exit 2 names every holder; {@code HUDDLE_GUARD=warn} prints the same as a
 * warning and exits 0; {@code HUDDLE_GUARD=off} checks nothing. When the check itself fails (no
 * git, unreadable store) the commit is refused with the reason, unless {@code HUDDLE_GUARD=warn} or
 * {@code [hooks] on_internal_error = "allow-with-warning"} lets it through with a warning.
 */
final class GuardCheckRun {

    private static final int MAX_STDIN = 1 << 20;

    private GuardCheckRun() {}

    static int run(Invocation inv) {
        String setting = inv.env("HUDDLE_GUARD").orElse(null);
        GuardMode mode = GuardMode.of(setting);
        if (mode == null) {
            inv.out().warn("HUDDLE_GUARD=" + setting + " is not deny, warn or off: the guard refuses as it does by default");
            mode = GuardMode.DENY;
        }
        if (mode == GuardMode.OFF) {
            inv.out().line("huddle guard: off (HUDDLE_GUARD=off), nothing checked");
            return ExitCode.OK;
        }
        String what = inv.args().has("--push") ? "push" : inv.args().has("--staged") ? "commit" : "change";
        try {
            Git git = new Git(inv.cwd());
            Path root = git.topLevel();
            Collection<String> names = names(inv, git);
            GuardCheck.Verdict v = GuardCheck.run(inv.coordinator(), inv.caller(), root, inv.cwd(), names);
            return report(inv, v, mode, what);
        } catch (RuntimeException e) {
            boolean allow = mode == GuardMode.WARN || allowsOnError(inv);
            String text = "huddle guard could not check this " + what + ": " + e.getMessage();
            if (allow) {
                inv.out().warn(text + "; let through (" + (mode == GuardMode.WARN ? "HUDDLE_GUARD=warn"
                        : "[hooks] on_internal_error = \"allow-with-warning\"") + ")");
                return ExitCode.OK;
            }
            inv.out().error(text + "; refused. Fix the cause, or let it through once with HUDDLE_GUARD=warn"
                    + " (git --no-verify skips every hook)");
            return ExitCode.ERROR;
        }
    }

    private static Collection<String> names(Invocation inv, Git git) {
        Optional<String> remote = inv.args().value("--push");
        if (remote.isPresent()) {
            return git.pushed(PushUpdate.parse(inv.text(java.util.List.of("-"), MAX_STDIN, "pre-push input")), remote.get());
        }
        return NameStatus.touched(inv.args().has("--staged") ? git.staged() : git.workingTree());
    }

    private static boolean allowsOnError(Invocation inv) {
        try {
            return inv.settings().onHookError() == Settings.HookErrorPolicy.ALLOW_WITH_WARNING;
        } catch (RuntimeException unreadable) {
            return false; // huddle.toml itself is broken: keep the safe default
        }
    }

    private static int report(Invocation inv, GuardCheck.Verdict v, GuardMode mode, String what) {
        Instant now = Instant.now();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("clear", v.clear());
        json.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
        json.put("checked", v.checked());
        json.put("blocked", v.blocked().stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", b.path());
            m.put("held_by", JsonViews.conflicts(java.util.List.of(b.conflict()), now).getFirst());
            return m;
        }).toList());
        json.put("unchecked", v.unchecked());
        inv.out().json(json);
        v.unchecked().forEach(n -> inv.out().warn("not checked (no lease can name it): " + Output.one(n)));
        if (v.clear()) {
            inv.out().line("huddle guard: " + v.checked() + " path(s) checked, none held by another agent");
            return ExitCode.OK;
        }
        inv.out().answer(mode == GuardMode.WARN ? "huddle guard: warning: this " + what + " touches files another agent holds:"
                : "huddle guard: " + what + " refused: it touches files another agent holds:");
        for (GuardCheck.Blocked b : v.blocked()) {
            String line = TextViews.conflict(b.conflict(), now);
            String held = line.substring(Math.min(line.length(), ("  " + b.conflict().requested().text() + ": ").length()));
            inv.out().answer("  " + Output.one(b.path()) + ": " + held);
        }
        if (mode == GuardMode.WARN) {
            inv.out().answer("(HUDDLE_GUARD=warn: let through)");
        } else {
            String holders = v.blocked().stream().map(b -> b.conflict().heldBy().holder().toString()).distinct()
                    .collect(java.util.stream.Collectors.joining(","));
            inv.out().answer("Leave those files out (git restore --staged FILE), ask the holder (huddle send " + holders
                    + " \"...\"), or wait for the lease to end. HUDDLE_GUARD=warn only warns.");
            inv.out().error(what + " refused: " + v.blocked().size() + " file(s) held by another agent");
        }
        return mode == GuardMode.WARN ? ExitCode.OK : ExitCode.DENIED;
    }
}
