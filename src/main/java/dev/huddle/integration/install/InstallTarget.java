package dev.huddle.integration.install;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What to install and where from: the program, the scope, the repository (project scope, and
 * where AGENTS.md lives), the home directory and Codex's home ({@code CODEX_HOME}, else
 * {@code ~/.codex}), the launcher the hooks run, whether to write AGENTS.md, and the server's base
 * URL when Claude Code's hooks are to be HTTP hooks ({@code install claude --http URL}, checked by
 * {@link HookUrl}).
 */
public record InstallTarget(Program program, Scope scope, Path repoRoot, Path home, Path codexHome, String launcher,
                            boolean agentsMd, Optional<String> http) {

    public InstallTarget {
        repoRoot = repoRoot.toAbsolutePath().normalize();
        home = home.toAbsolutePath().normalize();
        codexHome = codexHome.toAbsolutePath().normalize();
        if (http.isPresent() && program != Program.CLAUDE) {
            throw new IllegalArgumentException(program.title() + " has no HTTP hooks");
        }
    }

    /** Command hooks only. */
    public InstallTarget(Program program, Scope scope, Path repoRoot, Path home, Path codexHome, String launcher,
                         boolean agentsMd) {
        this(program, scope, repoRoot, home, codexHome, launcher, agentsMd, Optional.empty());
    }

    /** The same target with HTTP hooks posting below {@code base} (empty: command hooks). */
    InstallTarget withHttp(Optional<String> base) {
        return new InstallTarget(program, scope, repoRoot, home, codexHome, launcher, agentsMd, base);
    }

    /** The directory below which the settings file lives, and below which nothing is written through a link. */
    Path settingsRoot() {
        if (scope == Scope.PROJECT) {
            return repoRoot;
        }
        return program == Program.CODEX ? codexHome : home;
    }

    /** The program's settings (or hooks) file for this scope. */
    Path settingsFile() {
        Path root = settingsRoot();
        return switch (program) {
            case CLAUDE -> root.resolve(".claude/settings.json");
            case CODEX -> scope == Scope.PROJECT ? root.resolve(".codex/hooks.json") : root.resolve("hooks.json");
            case GEMINI -> root.resolve(".gemini/settings.json");
            case CURSOR -> root.resolve(".cursor/hooks.json");
        };
    }

    /** Codex's config.toml, where its trust records live. */
    Path codexConfig() {
        return codexHome.resolve("config.toml");
    }

    /** Where the Claude skill goes. */
    Path skillFile() {
        return SkillFile.under(scope == Scope.PROJECT ? repoRoot : home);
    }

    Path skillRoot() {
        return scope == Scope.PROJECT ? repoRoot : home;
    }
}
