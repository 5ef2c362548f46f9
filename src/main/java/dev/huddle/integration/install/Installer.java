package dev.huddle.integration.install;

import dev.huddle.api.HookPaths;
import dev.huddle.integration.AgentsMd;
import dev.huddle.integration.install.FileOutcome.Change;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code huddle install} and {@code huddle uninstall} for one program: merges Huddle's hooks into
 * the program's settings file without clobbering anything, backs the original up first
 * ({@code <file>.huddle-backup}, written once and never overwritten), and writes what goes with
 * them: the Claude skill, Codex's trust records, the AGENTS.md section. Uninstall removes exactly
 * what install added: when nothing else changed meanwhile the original bytes come back from the
 * backup, otherwise only Huddle's entries go.
 *
 * <p>Every file is read and every new text computed before anything is written, so a malformed
 * file or a symbolic link anywhere leaves all files as they were.
 */
public final class Installer {

    private Installer() {}

    /** Installs (or, with {@code dryRun}, shows the diff of installing) Huddle's hooks for the target. */
    public static InstallReport install(InstallTarget t, boolean dryRun) {
        List<FileEdit> edits = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Path file = t.settingsFile();
        Optional<String> before = SafeFiles.read(t.settingsRoot(), file);
        Map<String, Object> installed = installed(t, before.orElse(""));
        edits.add(FileEdit.of(t.settingsRoot(), file, before, installedText(t, before.orElse(""), before.isPresent()), true));
        switch (t.program()) {
            case CLAUDE -> {
                t.http().ifPresent(base -> notes.addAll(httpNotes(base)));
                Optional<String> skill = SafeFiles.read(t.skillRoot(), t.skillFile());
                // an older version of Huddle's own skill is replaced without a backup: it is not the user's
                boolean users = skill.filter(text -> !text.startsWith(SkillFile.FRONT)).isPresent();
                edits.add(FileEdit.of(t.skillRoot(), t.skillFile(), skill, SkillFile.text(), users));
            }
            case CODEX -> edits.add(codexTrust(t, installed, notes, problems, dryRun));
            case GEMINI -> notes.add("Gemini CLI runs hooks only in a trusted folder: trust " + t.repoRoot()
                    + " when Gemini asks (or with /permissions); in an untrusted folder 'gemini -p' refuses to start");
            case CURSOR -> notes.add("Cursor reads " + file + " when it starts: restart Cursor to load the hooks");
        }
        if (t.agentsMd() && t.scope() == Scope.PROJECT) {
            Path agents = t.repoRoot().resolve("AGENTS.md");
            Optional<String> text = SafeFiles.read(t.repoRoot(), agents);
            edits.add(FileEdit.of(t.repoRoot(), agents, text, AgentsMd.withSection(text.orElse("")), false));
        }
        return report(t, dryRun, edits, notes, problems);
    }

    /** Removes (or, with {@code dryRun}, shows the diff of removing) what install added for the target. */
    public static InstallReport uninstall(InstallTarget t, boolean dryRun) {
        List<FileEdit> edits = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Path file = t.settingsFile();
        Optional<String> before = SafeFiles.read(t.settingsRoot(), file);
        HookFormat format = HookFormat.of(t.program());
        Map<String, Object> document = SettingsJson.read(before.orElse(""), file);
        if (before.isPresent()) {
            Optional<String> backup = SafeFiles.read(t.settingsRoot(), SafeFiles.backupOf(file));
            Map<String, Object> removed = format.uninstall(document, file);
            edits.add(backup.isPresent() && (backup.get().equals(before.get())
                    || installedFrom(t, document, backup.get(), before.get()))
                    ? FileEdit.restore(t.settingsRoot(), file, before, backup.get())
                    : FileEdit.of(t.settingsRoot(), file, before, removed.equals(document) ? before.get()
                    : backup.isEmpty() && format.isBare(removed) ? null : SettingsJson.write(removed), false));
        }
        switch (t.program()) {
            case CLAUDE -> skillRemoval(t, notes).ifPresent(edits::add);
            case CODEX -> codexTrustRemoval(t, document).ifPresent(edits::add);
            default -> { }
        }
        if (t.scope() == Scope.PROJECT) {
            notes.add("AGENTS.md keeps Huddle's section (init and the other programs share it); delete the lines"
                    + " between <!-- huddle:begin --> and <!-- huddle:end --> if no agent here uses Huddle any more");
        }
        return report(t, dryRun, edits, notes, List.of());
    }

    /**
     * Whether {@code current} is exactly what an install (of command hooks, or of HTTP hooks to a server
     * the current document points at) would write from {@code original}: then nothing else changed.
     */
    private static boolean installedFrom(InstallTarget t, Map<String, Object> document, String original, String current) {
        if (installedText(t.withHttp(Optional.empty()), original, true).equals(current)) {
            return true;
        }
        return t.program() == Program.CLAUDE && new NestedHooks(Program.CLAUDE, false).httpBases(document).stream()
                .anyMatch(base -> installedText(t.withHttp(Optional.of(base)), original, true).equals(current));
    }

    private static Map<String, Object> installed(InstallTarget t, String text) {
        Path file = t.settingsFile();
        return HookFormat.of(t.program(), t.http()).install(SettingsJson.read(text, file), PlannedHook.of(t.program()), t.launcher(), file);
    }

    /** Exactly the text install writes for a settings file holding {@code text}: unchanged when Huddle's hooks are in place. */
    private static String installedText(InstallTarget t, String text, boolean exists) {
        Map<String, Object> document = SettingsJson.read(text, t.settingsFile());
        Map<String, Object> installed = installed(t, text);
        return exists && installed.equals(document) ? text : SettingsJson.write(installed);
    }

    private static List<String> httpNotes(String base) {
        return List.of("SessionStart stays a command hook (Claude Code runs no HTTP hook for it), sent to the same"
                        + " server with --url; " + String.join(", ", HookPaths.CLAUDE_EVENTS) + " post to " + base,
                "the HTTP hooks send 'Authorization: Bearer $HUDDLE_TOKEN' from Claude Code's environment, and no token is"
                        + " written into the file: start claude with HUDDLE_TOKEN set (huddle token issue --agent ID)",
                "PreToolUse refuses the edit when the server does not answer (onFailure: block, Claude Code 2.1.295 and later;"
                        + " older versions let it through); the other events go on without it: start it with 'huddle serve'",
                "a refusal of Claude Code's own reading 'PreToolUse:<tool> hook error: [" + base + "/api/v1/hooks/claude/"
                        + "pre-tool-use]: failed; blocking because onFailure is \"block\"' means this server is not running:"
                        + " start it with 'huddle serve' ('huddle status' warns too)");
    }

    private static FileEdit codexTrust(InstallTarget t, Map<String, Object> installed, List<String> notes,
                                       List<String> problems, boolean dryRun) {
        Path config = t.codexConfig();
        Optional<String> before = SafeFiles.read(t.codexHome(), config);
        CodexConfig.Result r = CodexConfig.install(before.orElse(""), codexRequest(t, installed));
        String would = dryRun ? "would record" : "recorded";
        if (r.projectWritten() || !r.hooksWritten().isEmpty()) {
            notes.add("Codex runs only hooks it trusts (by hash) in projects it trusts: Huddle " + would + " trust for "
                    + r.hooksWritten().size() + " hook(s)" + (r.projectWritten() ? " and for " + t.repoRoot() : "")
                    + " in " + config + ", as Codex's own /hooks screen does");
        } else if (r.problems().isEmpty()) {
            notes.add("Codex already trusts Huddle's hooks (" + config + ")");
        }
        problems.addAll(r.problems());
        if (!r.problems().isEmpty()) {
            problems.add("until then Codex skips those hooks without any warning; run 'huddle install codex"
                    + (t.scope() == Scope.USER ? " --scope user" : "") + "' again once that is fixed");
        }
        notes.add("when " + t.settingsFile() + " changes, Codex wants its hooks trusted again: run 'huddle install codex"
                + (t.scope() == Scope.USER ? " --scope user" : "") + "' again");
        String after = before.isEmpty() && r.text().isEmpty() ? null : r.text();
        return FileEdit.of(t.codexHome(), config, before, after, true);
    }

    private static Optional<FileEdit> codexTrustRemoval(InstallTarget t, Map<String, Object> document) {
        Path config = t.codexConfig();
        Optional<String> before = SafeFiles.read(t.codexHome(), config);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        CodexConfig.Request req = codexRequest(t, document);
        Optional<String> backup = SafeFiles.read(t.codexHome(), SafeFiles.backupOf(config));
        if (backup.isPresent() && (backup.get().equals(before.get())
                || CodexConfig.install(backup.get(), req).text().equals(before.get()))) {
            return Optional.of(FileEdit.restore(t.codexHome(), config, before, backup.get()));
        }
        String after = CodexConfig.removeBlock(before.get(), req.blockId());
        boolean created = backup.isEmpty() && !after.equals(before.get()) && after.isBlank();
        return Optional.of(FileEdit.of(t.codexHome(), config, before, created ? null : after, false));
    }

    private static CodexConfig.Request codexRequest(InstallTarget t, Map<String, Object> document) {
        String hooksJson = t.settingsFile().toString();
        List<CodexConfig.HookTrust> hooks = new NestedHooks(Program.CODEX, false).positions(document).stream()
                .map(p -> new CodexConfig.HookTrust(p.event(), CodexTrust.key(hooksJson, p.event(), p.group(), p.handler()),
                        CodexTrust.hash(p.event(), p.matcher(), p.command(), p.timeout())))
                .toList();
        String blockId = "codex " + t.scope().label() + " " + CodexConfig.quoted(hooksJson);
        return new CodexConfig.Request(blockId, t.scope() == Scope.PROJECT ? Optional.of(t.repoRoot().toString())
                : Optional.empty(), hooks);
    }

    private static Optional<FileEdit> skillRemoval(InstallTarget t, List<String> notes) {
        Path skill = t.skillFile();
        Optional<String> text = SafeFiles.read(t.skillRoot(), skill);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (!text.get().equals(SkillFile.text())) {
            notes.add(skill + " was edited since Huddle installed it: left in place");
            return Optional.of(FileEdit.kept(t.skillRoot(), skill, text.get()));
        }
        Optional<String> backup = SafeFiles.read(t.skillRoot(), SafeFiles.backupOf(skill));
        return Optional.of(backup.isPresent() ? FileEdit.restore(t.skillRoot(), skill, text, backup.get())
                : FileEdit.of(t.skillRoot(), skill, text, null, false));
    }

    private static InstallReport report(InstallTarget t, boolean dryRun, List<FileEdit> edits, List<String> notes,
                                        List<String> problems) {
        List<FileOutcome> files = edits.stream().map(e -> e.apply(dryRun)).toList();
        List<String> events = PlannedHook.of(t.program()).stream().map(PlannedHook::event).toList();
        for (FileOutcome f : files) {
            if (f.change() != Change.RESTORED && f.backup().isPresent() && f.change() != Change.CREATED
                    && edits.stream().noneMatch(e -> e.file().equals(f.path()) && e.backup())) {
                notes.add("the original of " + f.path() + " is kept in " + f.backup().get());
            }
        }
        return new InstallReport(t.program(), t.scope(), dryRun, files, events,
                HookCommand.of(t.launcher(), t.program(), "<event>"),
                t.http().map(base -> "POST " + base + HookPaths.CLAUDE_PREFIX + "<event>"), notes, problems);
    }
}
