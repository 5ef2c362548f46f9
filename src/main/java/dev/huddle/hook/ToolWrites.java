package dev.huddle.hook;

import dev.huddle.core.edit.EditTarget;
import dev.huddle.core.edit.PatchTargets;
import dev.huddle.core.edit.ShellWrites;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one tool call writes, as far as its payload tells: nothing (a tool that does not write),
 * a list of targets (a file tool's path, a shell command's or a patch's targets, possibly none),
 * or a payload too broken to tell ({@link #unreadable()}), which a pre-tool check must not wave
 * through. {@code base} is the directory relative targets are in; null means the payload's cwd.
 */
public final class ToolWrites {

    private static final ToolWrites NONE = new ToolWrites("", List.of(), null, null);

    private final String tool;
    private final List<EditTarget> targets;
    private final String unreadable;
    private final Path base;

    private ToolWrites(String tool, List<EditTarget> targets, String unreadable, Path base) {
        this.tool = tool;
        this.targets = targets;
        this.unreadable = unreadable;
        this.base = base;
    }

    /** A tool that writes no file (Read, Grep, a web fetch, ...). */
    public static ToolWrites none() {
        return NONE;
    }

    /** A file tool writing the path in {@code field}. */
    public static ToolWrites file(String tool, String path, String field) {
        if (path == null || path.isEmpty()) {
            return new ToolWrites(tool, List.of(), "its tool_input has no " + field, null);
        }
        return new ToolWrites(tool, List.of(EditTarget.of(path)), null, null);
    }

    /** A shell command, run in {@code base} (null: the payload's cwd). */
    public static ToolWrites shell(String tool, String command, Path base) {
        if (command == null) {
            return new ToolWrites(tool, List.of(), "its tool_input has no command", base);
        }
        return new ToolWrites(tool, ShellWrites.of(command).targets(), null, base);
    }

    /** A patch ({@code apply_patch}): the files it adds, updates, deletes or moves. */
    public static ToolWrites patch(String tool, String text) {
        List<String> paths = PatchTargets.of(text);
        if (paths.isEmpty()) {
            return new ToolWrites(tool, List.of(), "its patch names no file (no '*** Add/Update/Delete File:' line)", null);
        }
        List<EditTarget> targets = new ArrayList<>();
        paths.forEach(p -> targets.add(EditTarget.of(p)));
        return new ToolWrites(tool, targets, null, null);
    }

    public String tool() {
        return tool;
    }

    /** Whether the call writes anything Huddle must check. */
    public boolean writes() {
        return !targets.isEmpty() || unreadable != null;
    }

    public List<EditTarget> targets() {
        return targets;
    }

    /** Why the payload cannot tell what the call writes; null when it can. */
    public String unreadable() {
        return unreadable;
    }

    public Path base() {
        return base;
    }
}
