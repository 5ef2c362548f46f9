package dev.huddle.core.edit;

import dev.huddle.core.edit.ShellLexer.Token;
import java.util.List;

/**
 * The working-tree files git commands overwrite. Path-wise: {@code checkout [TREE] [--] PATH...},
 * {@code restore PATH...} (not {@code --staged} alone), {@code rm} (not {@code --cached}),
 * {@code mv}, {@code stash push -- PATH...}, {@code clean -f PATH...}, and patches fed to
 * {@code git apply} through a here-document. Commands that rewrite the whole working tree
 * ({@code reset --hard}, {@code stash}, {@code stash pop}, {@code clean -f}, {@code switch},
 * {@code checkout .}) are reported as the repository itself ({@code .}).
 *
 * <p>Not recognised: {@code checkout BRANCH} (read as a path named BRANCH), merge, rebase, pull,
 * cherry-pick, revert, am, and patches read from files.
 */
final class GitWrites {

    private GitWrites() {}

    /** Handles a {@code git} command line; false for any other command. */
    static boolean handles(String name, List<Token> args, String stdin, ShellWrites sink) {
        if (!name.equals("git")) {
            return false;
        }
        int k = 0;
        String prefix = "";
        while (k < args.size() && args.get(k).text.startsWith("-")) {
            String t = args.get(k).text;
            if (t.equals("-C") && k + 1 < args.size()) {
                prefix = args.get(k + 1).text + "/";
                k += 2;
            } else {
                k += t.equals("-c") || t.equals("--git-dir") || t.equals("--work-tree") || t.equals("--namespace") ? 2 : 1;
            }
        }
        if (k >= args.size()) {
            return true;
        }
        String sub = args.get(k).text;
        List<Token> rest = args.subList(k + 1, args.size());
        Sink out = new Sink(sink, prefix);
        switch (sub) {
            case "checkout" -> checkout(rest, out);
            case "restore" -> {
                boolean staged = ShellArgs.has(rest, 'S', "--staged");
                boolean worktree = ShellArgs.has(rest, 'W', "--worktree");
                if (!staged || worktree) {
                    out.all(ShellArgs.positionals(rest, "s", List.of("--source", "--pathspec-from-file")));
                }
            }
            case "rm" -> {
                if (!ShellArgs.has(rest, (char) 0, "--cached")) {
                    out.all(ShellArgs.positionals(rest, "", List.of("--pathspec-from-file")));
                }
            }
            case "mv" -> out.all(ShellArgs.positionals(rest, "", List.of()));
            case "reset" -> {
                if (ShellArgs.has(rest, (char) 0, "--hard", "--merge", "--keep")) {
                    out.path(".");
                }
            }
            case "clean" -> {
                if (ShellArgs.has(rest, 'f', "--force") && !ShellArgs.has(rest, 'n', "--dry-run")) {
                    out.allOrRoot(ShellArgs.positionals(rest, "e", List.of("--exclude")));
                }
            }
            case "stash" -> stash(rest, out);
            case "switch" -> {
                if (!ShellArgs.has(rest, (char) 0, "-c", "-C", "--create", "--force-create")) {
                    out.path(".");
                }
            }
            case "apply" -> {
                if (!ShellArgs.has(rest, (char) 0, "--cached", "--check", "--stat", "--numstat", "--summary")) {
                    List<Token> files = ShellArgs.positionals(rest, "p", List.of("--directory", "--exclude", "--include"));
                    if (files.isEmpty() && stdin != null) {
                        PatchTargets.of(stdin).forEach(out::path);
                    } else {
                        sink.unresolvedPatch("git apply");
                    }
                }
            }
            default -> {
                // Reads only, or changes files in ways not worked out here (see the class comment).
            }
        }
        return true;
    }

    private static void checkout(List<Token> rest, Sink out) {
        List<Token> paths = ShellArgs.afterDashDash(rest);
        if (!paths.isEmpty()) {
            out.all(paths);
            return;
        }
        if (ShellArgs.has(rest, (char) 0, "-b", "-B", "--orphan", "--detach")) {
            return;
        }
        out.all(ShellArgs.positionals(rest, "", List.of("--conflict", "--pathspec-from-file")));
    }

    private static void stash(List<Token> rest, Sink out) {
        String action = rest.isEmpty() || rest.getFirst().text.startsWith("-") ? "push" : rest.getFirst().text;
        switch (action) {
            case "push", "save" -> {
                List<Token> paths = ShellArgs.afterDashDash(rest);
                if (paths.isEmpty()) {
                    out.path(".");
                } else {
                    out.all(paths);
                }
            }
            case "pop", "apply" -> out.path(".");
            default -> {
                // list, show, drop, clear, branch, create, store: the working tree stays as it is.
            }
        }
    }

    /** Emits paths relative to {@code git -C DIR}. */
    private record Sink(ShellWrites writes, String prefix) {

        void all(List<Token> words) {
            for (Token w : words) {
                writes.emit(prefix.isEmpty() ? w : ShellArgs.withText(w, prefix + w.text), List.of());
            }
        }

        void allOrRoot(List<Token> words) {
            if (words.isEmpty()) {
                path(".");
            } else {
                all(words);
            }
        }

        void path(String path) {
            writes.emitPath(prefix + path);
        }
    }
}
