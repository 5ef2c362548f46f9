package dev.huddle.integration.install;

import dev.huddle.core.HuddleException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The agent programs Huddle installs its hooks into, by the name the CLI uses for them. */
public enum Program {
    CLAUDE("claude", "Claude Code"),
    CODEX("codex", "Codex CLI"),
    GEMINI("gemini", "Gemini CLI"),
    CURSOR("cursor", "Cursor");

    private final String id;
    private final String title;

    Program(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The word in {@code huddle install <program>} and {@code huddle hook <program> <event>}. */
    public String id() {
        return id;
    }

    /** The program's own name, for messages. */
    public String title() {
        return title;
    }

    /** @throws HuddleException invalid input naming the known programs */
    public static Program parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(t)).findFirst()
                .orElseThrow(() -> HuddleException.invalid("unknown program '" + text + "': use one of "
                        + Arrays.stream(values()).map(Program::id).collect(Collectors.joining(", "))));
    }
}
