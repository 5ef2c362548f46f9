package dev.huddle.integration.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The Claude Code skill that teaches an agent to work with Huddle: when to lock, claim, message,
 * and how to read the frontier. Installed with Claude's hooks as {@code .claude/skills/huddle/SKILL.md}
 * (project) or {@code ~/.claude/skills/huddle/SKILL.md} (user); its text is the resource beside this class.
 */
public final class SkillFile {

    /** How every version of Huddle's skill begins. */
    static final String FRONT = "---\nname: huddle\n";

    private SkillFile() {}

    /** Where the skill goes below a scope's root (the repository, or the home directory). */
    static Path under(Path root) {
        return root.resolve(".claude").resolve("skills").resolve("huddle").resolve("SKILL.md");
    }

    /** The skill's text. */
    public static String text() {
        try (InputStream in = SkillFile.class.getResourceAsStream("SKILL.md")) {
            if (in == null) {
                throw new IllegalStateException("SKILL.md is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
