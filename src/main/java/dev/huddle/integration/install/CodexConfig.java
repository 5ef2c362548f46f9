package dev.huddle.integration.install;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Huddle's trust records in Codex's {@code $CODEX_HOME/config.toml}, written the way Codex's own
 * {@code /hooks} screen and trust prompt write them: {@code [projects."<repo>"] trust_level =
 * "trusted"} so Codex loads the project's {@code .codex/hooks.json}, and one
 * {@code [hooks.state."<key>"] trusted_hash = "<hash>"} per Huddle hook ({@link CodexTrust}).
 *
 * <p>They go in one block between {@code # huddle:begin} / {@code # huddle:end} lines, one block
 * per hooks file, each table preceded by a {@code # huddle:} comment; uninstall removes the
 * tables so marked and the markers, and keeps anything else that ended up between them (Codex
 * may insert its own tables there). Nothing outside the block is ever changed: a project or hook
 * the file already mentions is left as it is and reported, as is a file this outline cannot read.
 */
final class CodexConfig {

    /** One hook to trust. */
    record HookTrust(String event, String key, String hash) {}

    /** What to trust: the project (project scope only) and the hooks. */
    record Request(String blockId, Optional<String> project, List<HookTrust> hooks) {}

    /**
     * The config text with the block in place, and what it means: which records Huddle wrote,
     * which were there already, and problems that keep hooks from running (each a full sentence).
     */
    record Result(String text, boolean projectWritten, List<String> hooksWritten, List<String> alreadyTrusted,
                  List<String> problems) {}

    private CodexConfig() {}

    static String begin(String blockId) {
        String how = blockId.equals(McpTomlBlock.BLOCK_ID) ? "codex --mcp" : "codex";
        return "# huddle:begin " + blockId + " (written by 'huddle install " + how + "'; 'huddle uninstall " + how
                + "' removes it)";
    }

    static String end(String blockId) {
        return "# huddle:end " + blockId;
    }

    static Result install(String config, Request req) {
        String base = removeBlock(config, req.blockId());
        TomlOutline outline = TomlOutline.of(base);
        List<String> problems = new ArrayList<>();
        List<String> already = new ArrayList<>();
        if (!outline.unreadable().isEmpty()) {
            problems.add("Huddle could not read line " + outline.unreadable().getFirst()
                    + " of Codex's config.toml, so it wrote no trust records there");
            return new Result(config, false, List.of(), List.of(), problems);
        }
        StringBuilder body = new StringBuilder();
        boolean projectWritten = req.project().isPresent() && project(outline, req.project().get(), body, problems, already);
        List<String> written = new ArrayList<>();
        for (HookTrust hook : req.hooks()) {
            if (hook(outline, hook, body, problems, already)) {
                written.add(hook.key());
            }
        }
        String text = body.isEmpty() ? base : withBlock(config, base, req.blockId(), body.toString());
        return new Result(text, projectWritten, written, already, problems);
    }

    /** The config with the new block; the original text when the block in it is already exactly this. */
    private static String withBlock(String config, String base, String blockId, String body) {
        String block = begin(blockId) + "\n" + body.strip() + "\n" + end(blockId) + "\n";
        if (config.contains(block)) {
            return config;
        }
        if (base.isEmpty()) {
            return block;
        }
        return base + (base.endsWith("\n") ? "\n" : "\n\n") + block;
    }

    private static boolean project(TomlOutline outline, String root, StringBuilder body, List<String> problems,
                                   List<String> already) {
        String where = "[projects." + quoted(root) + "]";
        if (assigned(outline, List.of("projects"))) {
            problems.add("Codex's config.toml sets 'projects' inline, so Huddle did not add " + where
                    + "; trust the project in Codex (it asks on first start) or add trust_level = \"trusted\" there");
            return false;
        }
        Optional<String> level = value(outline, List.of("projects", root, "trust_level"));
        boolean mentioned = mentioned(outline, List.of("projects", root));
        if (level.filter("trusted"::equals).isPresent()) {
            already.add(where);
            return false;
        }
        if (mentioned) {
            problems.add("Codex's config.toml has " + where + " with trust_level = " + level.map(CodexConfig::quoted).orElse("(none)")
                    + ": Codex ignores this project's .codex/hooks.json until it is \"trusted\"; change it there, or"
                    + " install with --scope user");
            return false;
        }
        body.append("# huddle: trust this project, so that Codex loads its .codex/hooks.json\n")
                .append(where).append("\ntrust_level = \"trusted\"\n\n");
        return true;
    }

    private static boolean hook(TomlOutline outline, HookTrust hook, StringBuilder body, List<String> problems,
                                List<String> already) {
        String where = "[hooks.state." + quoted(hook.key()) + "]";
        if (assigned(outline, List.of("hooks")) || assigned(outline, List.of("hooks", "state"))) {
            problems.add("Codex's config.toml sets 'hooks' or 'hooks.state' inline, so Huddle did not add " + where
                    + "; trust Huddle's hooks in Codex's /hooks screen");
            return false;
        }
        List<String> path = List.of("hooks", "state", hook.key());
        Optional<String> trusted = value(outline, List.of("hooks", "state", hook.key(), "trusted_hash"));
        if (trusted.filter(hook.hash()::equals).isPresent()) {
            already.add(where);
            return false;
        }
        if (mentioned(outline, path)) {
            problems.add("Codex's config.toml already has " + where + " for another hook definition, so Codex"
                    + " will not run Huddle's " + hook.event() + " hook until you trust it in Codex's /hooks screen");
            return false;
        }
        body.append("# huddle: trust Huddle's ").append(hook.event()).append(" hook\n")
                .append(where).append("\ntrusted_hash = ").append(quoted(hook.hash())).append("\n\n");
        return true;
    }

    private static boolean assigned(TomlOutline outline, List<String> path) {
        return outline.assignments().stream().anyMatch(a -> a.path().equals(path));
    }

    private static boolean mentioned(TomlOutline outline, List<String> prefix) {
        return outline.headers().stream().anyMatch(h -> startsWith(h.path(), prefix))
                || outline.assignments().stream().anyMatch(a -> startsWith(a.path(), prefix));
    }

    private static Optional<String> value(TomlOutline outline, List<String> path) {
        return outline.assignments().stream().filter(a -> a.path().equals(path) && a.text() != null)
                .map(TomlOutline.Assignment::text).findFirst();
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    /** The config without Huddle's block: its marked tables and markers go, anything else in it stays. */
    static String removeBlock(String config, String blockId) {
        Block b = Block.find(config, blockId);
        if (b == null) {
            return config;
        }
        String before = config.substring(0, b.start());
        String after = config.substring(b.end());
        if (b.foreign().isEmpty() && before.endsWith("\n\n")) {
            before = before.substring(0, before.length() - 1);
        }
        return before + b.foreign() + after;
    }

    /** A TOML basic string. */
    static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Where a block is (whole lines, from its begin line to after its end line) and the lines in it not Huddle's. */
    private record Block(int start, int end, String foreign) {

        static Block find(String config, String blockId) {
            String beginLine = CodexConfig.begin(blockId);
            String endLine = CodexConfig.end(blockId);
            int start = lineStart(config, beginLine, 0);
            if (start < 0) {
                return null;
            }
            int stop = lineStart(config, endLine, start);
            if (stop < 0) {
                return null;
            }
            int end = stop + endLine.length();
            end = end < config.length() && config.charAt(end) == '\n' ? end + 1 : end;
            String inside = config.substring(start + beginLine.length(), stop);
            return new Block(start, end, foreign(inside));
        }

        private static int lineStart(String text, String line, int from) {
            for (int i = text.indexOf(line, from); i >= 0; i = text.indexOf(line, i + 1)) {
                boolean atStart = i == 0 || text.charAt(i - 1) == '\n';
                int after = i + line.length();
                boolean atEnd = after == text.length() || text.charAt(after) == '\n' || text.charAt(after) == '\r';
                if (atStart && atEnd) {
                    return i;
                }
            }
            return -1;
        }

        /** The sections between the markers that do not carry Huddle's comment, in order. */
        private static String foreign(String inside) {
            StringBuilder kept = new StringBuilder();
            List<String> comments = new ArrayList<>();
            boolean keeping = false;
            for (String line : inside.split("\n", -1)) {
                String t = line.strip();
                if (t.startsWith("#")) {
                    comments.add(line);
                    continue;
                }
                if (t.startsWith("[")) {
                    keeping = comments.stream().noneMatch(c -> c.strip().startsWith("# huddle:"));
                }
                if (keeping) {
                    comments.forEach(c -> kept.append(c).append('\n'));
                    if (!t.isEmpty() || !kept.isEmpty()) {
                        kept.append(line).append('\n');
                    }
                }
                comments.clear();
            }
            String text = kept.toString();
            return text.isBlank() ? "" : text.stripTrailing() + "\n";
        }
    }
}
