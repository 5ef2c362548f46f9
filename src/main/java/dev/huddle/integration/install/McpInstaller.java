package dev.huddle.integration.install;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code huddle install <program> --mcp} and its uninstall: adds Huddle's MCP server
 * ({@code <launcher> mcp} on stdio) to the program's own MCP config, with the hook installer's
 * guarantees and machinery ({@link FileEdit}, {@link SafeFiles}): the original is backed up once,
 * a second install changes nothing, other servers and settings stay, uninstall removes only
 * Huddle's entry (the original bytes come back from the backup when nothing else changed), and a
 * dry run writes nothing.
 */
public final class McpInstaller {

    private McpInstaller() {}

    /** The program's MCP config file for the target's scope, and the directory nothing is written above. */
    record ConfigFile(Path root, Path file, boolean toml) {}

    static ConfigFile configFile(InstallTarget t) {
        boolean project = t.scope() == Scope.PROJECT;
        Path home = t.home();
        Path repo = t.repoRoot();
        return switch (t.program()) {
            case CLAUDE -> project ? new ConfigFile(repo, repo.resolve(".mcp.json"), false)
                    : new ConfigFile(home, home.resolve(".claude.json"), false);
            case CODEX -> project ? new ConfigFile(repo, repo.resolve(".codex/config.toml"), true)
                    : new ConfigFile(t.codexHome(), t.codexHome().resolve("config.toml"), true);
            case GEMINI -> new ConfigFile(project ? repo : home, (project ? repo : home).resolve(".gemini/settings.json"), false);
            case CURSOR -> new ConfigFile(project ? repo : home, (project ? repo : home).resolve(".cursor/mcp.json"), false);
        };
    }

    public static InstallReport install(InstallTarget t, boolean dryRun) {
        ConfigFile c = configFile(t);
        Optional<String> before = SafeFiles.read(c.root(), c.file());
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Optional<String> after = installedText(t, c, before, problems);
        FileEdit edit = FileEdit.of(c.root(), c.file(), before, after.orElse(before.orElse(null)), true);
        notes.add(restartNote(t, c));
        return report(t, dryRun, edit, notes, problems);
    }

    public static InstallReport uninstall(InstallTarget t, boolean dryRun) {
        ConfigFile c = configFile(t);
        Optional<String> before = SafeFiles.read(c.root(), c.file());
        List<FileEdit> edits = new ArrayList<>();
        if (before.isPresent()) {
            Optional<String> backup = SafeFiles.read(c.root(), SafeFiles.backupOf(c.file()));
            if (backup.isPresent() && (backup.get().equals(before.get())
                    || installedText(t, c, backup, new ArrayList<>()).filter(before.get()::equals).isPresent())) {
                edits.add(FileEdit.restore(c.root(), c.file(), before, backup.get()));
            } else {
                String removed = removedText(c, before.get());
                boolean bare = backup.isEmpty() && !removed.equals(before.get())
                        && (c.toml() ? removed.isBlank() : removed.strip().equals("{}"));
                edits.add(FileEdit.of(c.root(), c.file(), before, bare ? null : removed, false));
            }
        }
        return new InstallReport(t.program(), t.scope(), dryRun, edits.stream().map(e -> e.apply(dryRun)).toList(),
                List.of(), command(t), Optional.empty(), List.of(), List.of());
    }

    /** Exactly what install writes over {@code before}; empty when Huddle's entry cannot go in (reason in problems). */
    private static Optional<String> installedText(InstallTarget t, ConfigFile c, Optional<String> before, List<String> problems) {
        String text = before.orElse("");
        if (c.toml()) {
            McpTomlBlock.Result r = McpTomlBlock.install(text, t.launcher());
            r.problem().ifPresent(p -> problems.add(c.file() + ": " + p));
            return r.problem().isPresent() ? Optional.empty() : Optional.of(r.text());
        }
        Map<String, Object> document = SettingsJson.read(text, c.file());
        boolean alwaysLoad = t.program() == Program.CLAUDE;
        Optional<Map<String, Object>> installed = McpServerEntry.install(document, t.launcher(), alwaysLoad, c.file());
        if (installed.isEmpty()) {
            problems.add(c.file() + " already has an MCP server named 'huddle' that Huddle did not write: left as it is;"
                    + " remove it and install again to have Huddle manage it");
            return Optional.empty();
        }
        return Optional.of(before.isPresent() && installed.get().equals(document) ? text : SettingsJson.write(installed.get()));
    }

    /** The text without Huddle's entry: unchanged when it holds none. */
    private static String removedText(ConfigFile c, String text) {
        if (c.toml()) {
            return McpTomlBlock.uninstall(text);
        }
        Map<String, Object> document = SettingsJson.read(text, c.file());
        Map<String, Object> removed = McpServerEntry.uninstall(document);
        if (removed.equals(document)) {
            return text;
        }
        return SettingsJson.write(removed);
    }

    private static String restartNote(InstallTarget t, ConfigFile c) {
        return switch (t.program()) {
            case CLAUDE -> t.scope() == Scope.PROJECT
                    ? "Claude Code asks once whether to use the project's MCP servers from " + c.file() + ": approve 'huddle'"
                    : "Claude Code loads 'huddle' from " + c.file() + " when it starts ('claude mcp list' shows it)";
            case CODEX -> t.scope() == Scope.PROJECT
                    ? "Codex reads " + c.file() + " only in a trusted project (it asks on first start); restart Codex to load 'huddle'"
                    : "Codex loads 'huddle' from " + c.file() + " when it starts";
            case GEMINI -> "Gemini CLI loads 'huddle' from " + c.file() + " when it starts (/mcp lists it)";
            case CURSOR -> "Cursor reads " + c.file() + " when it starts: restart Cursor and enable 'huddle' in its MCP settings";
        };
    }

    /** The command line the server entry runs, for the report. */
    private static String command(InstallTarget t) {
        return HookCommand.quote(t.launcher()) + " mcp";
    }

    private static InstallReport report(InstallTarget t, boolean dryRun, FileEdit edit, List<String> notes,
                                        List<String> problems) {
        FileOutcome f = edit.apply(dryRun);
        return new InstallReport(t.program(), t.scope(), dryRun, List.of(f), List.of(), command(t), Optional.empty(),
                notes, problems);
    }
}
