package dev.huddle.core.edit;

import dev.huddle.core.edit.ShellLexer.Kind;
import dev.huddle.core.edit.ShellLexer.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files a shell command line writes, read without running it, so a hook can refuse a command
 * that would write a file another agent holds. Conservative: what it recognises it reports
 * (including globs, which the caller checks as globs), and a target it cannot know before the
 * command runs ({@code > "$OUT"}) is reported as unresolved rather than guessed.
 *
 * <p>Recognised: redirections ({@code > >> >| &> &>> <> >&}, with file descriptors), here-documents
 * and here-strings feeding {@code apply_patch}, {@code patch} and {@code git apply};
 * {@code tee}, {@code sed -i}, {@code perl -i}, {@code awk -i inplace}, {@code mv}, {@code cp},
 * {@code install}, {@code ln}, {@code rm}, {@code rmdir}, {@code unlink}, {@code shred},
 * {@code touch}, {@code truncate}, {@code chmod}/{@code chown}/{@code chgrp}, {@code dd of=},
 * {@code curl -o}, {@code wget -O}, the git commands of {@link GitWrites}; through {@code sudo},
 * {@code env}, {@code command}, {@code exec}, {@code nohup}, {@code time}, {@code nice},
 * {@code timeout}, {@code stdbuf}; inside {@code $(...)}, backquotes, process substitutions,
 * {@code bash -c}/{@code sh -c} strings and {@code eval}; relative to a literal {@code cd}/{@code pushd}.
 * Not recognised (see the README): interpreters and build tools writing on their own
 * ({@code python -c}, {@code node}, {@code make}, {@code npm}), {@code xargs}, {@code find -delete},
 * archives, scripts run by name.
 */
public final class ShellWrites {

    /** What a command line writes; {@code unresolved} names the writes whose target is only known at run time. */
    public record Result(List<EditTarget> targets, List<String> unresolved) {

        public Result {
            targets = List.copyOf(targets);
            unresolved = List.copyOf(unresolved);
        }
    }

    private static final int MAX_DEPTH = 8;
    private static final List<String> DEVICES = List.of("/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
    private static final Pattern FD = Pattern.compile("[0-9]+|-");

    private final Set<EditTarget> targets = new LinkedHashSet<>();
    private final List<String> unresolved = new ArrayList<>();
    private final Deque<String> dirs = new ArrayDeque<>();
    /** The directory relative targets are in, relative to where the command starts; null once unknown. */
    private String dir = "";

    private ShellWrites() {}

    public static Result of(String command) {
        ShellWrites w = new ShellWrites();
        w.analyse(command == null ? "" : command, 0);
        return new Result(new ArrayList<>(w.targets), w.unresolved);
    }

    private void analyse(String command, int depth) {
        List<Token> tokens = ShellLexer.tokens(command);
        List<Token> words = new ArrayList<>();
        String stdin = null;
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.kind == Kind.WORD) {
                words.add(t);
                nested(t, depth);
            } else if (t.kind == Kind.REDIRECT) {
                Token operand = k + 1 < tokens.size() && tokens.get(k + 1).kind == Kind.WORD ? tokens.get(++k) : null;
                if (operand != null) {
                    nested(operand, depth);
                }
                String op = stripFd(t.text);
                if (op.startsWith("<<") && !op.equals("<<<")) {
                    stdin = t.heredoc;
                } else if (op.equals("<<<") && operand != null) {
                    stdin = operand.text;
                } else if (operand != null) {
                    redirect(op, operand);
                }
            } else {
                command(words, stdin, depth);
                words = new ArrayList<>();
                stdin = null;
                if (t.text.equals("(")) {
                    dirs.push(dir == null ? "\0" : dir);
                } else if (t.text.equals(")") && !dirs.isEmpty()) {
                    String outer = dirs.pop();
                    dir = outer.equals("\0") ? null : outer;
                }
            }
        }
        command(words, stdin, depth);
    }

    /** {@code 2>>} is {@code >>} on descriptor 2. */
    private static String stripFd(String op) {
        int k = 0;
        while (k < op.length() && Character.isDigit(op.charAt(k))) {
            k++;
        }
        return op.substring(k);
    }

    private void nested(Token t, int depth) {
        if (depth < MAX_DEPTH) {
            for (String inner : t.nested) {
                analyse(inner, depth + 1);
            }
        }
    }

    private void redirect(String op, Token target) {
        boolean writes = op.equals(">") || op.equals(">>") || op.equals(">|") || op.equals("&>") || op.equals("&>>")
                || op.equals("<>") || op.equals(">&") && !FD.matcher(target.text).matches();
        if (writes && !DEVICES.contains(target.text) && !target.text.startsWith("/dev/fd/")) {
            emit(target, List.of());
        }
    }

    private void command(List<Token> words, String stdin, int depth) {
        int k = 0;
        while (k < words.size() && ASSIGNMENT.matcher(words.get(k).text).matches()) {
            k++;
        }
        if (k >= words.size() || words.get(k).dynamic) {
            return;
        }
        String name = ShellArgs.basename(words.get(k).text);
        List<Token> args = words.subList(k + 1, words.size());
        if (!wrapper(name, args, stdin, depth) && !GitWrites.handles(name, args, stdin, this)) {
            FileCommands.writes(name, args, stdin, this);
        }
    }

    /** Commands that run another command: the wrapped one is analysed instead. */
    private boolean wrapper(String name, List<Token> args, String stdin, int depth) {
        switch (name) {
            case "sudo", "doas", "nohup", "builtin", "exec", "time", "stdbuf", "unbuffer", "ionice", "nice",
                 "env", "timeout", "command" -> {
                if (name.equals("command") && ShellArgs.has(args, (char) 0, "-v", "-V")) {
                    return true;
                }
                int skip = wrapperOptions(name, args);
                command(new ArrayList<>(args.subList(Math.min(skip, args.size()), args.size())), stdin, depth);
                return true;
            }
            case "bash", "sh", "zsh", "dash", "ksh" -> {
                Token script = ShellArgs.value(args, 'c', null);
                if (script != null && depth < MAX_DEPTH) {
                    analyse(script.text, depth + 1);
                }
                return true;
            }
            case "eval" -> {
                if (depth < MAX_DEPTH) {
                    analyse(String.join(" ", args.stream().map(w -> w.text).toList()), depth + 1);
                }
                return true;
            }
            case "cd", "pushd" -> {
                Token to = args.isEmpty() ? null : args.getLast();
                dir = to == null || to.dynamic || to.text.equals("-") || dir == null ? null : join(dir, to.text);
                return true;
            }
            case "popd" -> {
                dir = null;
                return true;
            }
            case "xargs", "find", "parallel" -> {
                unresolved.add(name + " (runs commands on names it finds at run time)");
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** How many leading words of a wrapper are its own options (and, for timeout, its duration). */
    private static int wrapperOptions(String name, List<Token> args) {
        String withValue = switch (name) {
            case "sudo", "doas" -> "ugCDhpRrtU";
            case "env" -> "uCS";
            case "nice" -> "n";
            case "ionice" -> "cnp";
            case "timeout" -> "sk";
            case "stdbuf" -> "ioe";
            case "exec" -> "a";
            default -> "";
        };
        int k = 0;
        while (k < args.size()) {
            String t = args.get(k).text;
            if (t.equals("--")) {
                return k + 1;
            }
            if (name.equals("env") && ASSIGNMENT.matcher(t).matches()) {
                k++;
            } else if (t.startsWith("-") && t.length() > 1) {
                boolean valueNext = t.length() == 2 && withValue.indexOf(t.charAt(1)) >= 0;
                k += valueNext ? 2 : 1;
            } else {
                break;
            }
        }
        return name.equals("timeout") ? k + 1 : k;
    }

    /** Records a target, expanding {@code a{b,c}} and placing it in the current directory. */
    void emit(Token w, List<String> entries) {
        if (w.dynamic) {
            unresolved.add(w.text.isEmpty() ? "a target computed at run time" : w.text + " (computed at run time)");
            return;
        }
        for (String path : Braces.expand(w.text, w.quoted)) {
            if (path.isEmpty()) {
                continue;
            }
            if (dir == null && !path.startsWith("/")) {
                unresolved.add(path + " (after a cd to a directory known only at run time)");
            } else {
                targets.add(new EditTarget(join(dir, path), entries));
            }
        }
    }

    void unresolvedPatch(String command) {
        unresolved.add(command + " (reads its patch from a file or a pipe)");
    }

    /** The files a patch text names, or an unresolved write when the patch is not in the command line. */
    void patch(String text, String command) {
        if (text == null) {
            unresolvedPatch(command);
        } else {
            PatchTargets.of(text).forEach(this::emitPath);
        }
    }

    void emitPath(String path) {
        emit(new Token(Kind.WORD, path, false, false, true, List.of()), List.of());
    }

    private static String join(String dir, String path) {
        if (path.startsWith("/") || dir.isEmpty()) {
            return path;
        }
        return dir.endsWith("/") ? dir + path : dir + "/" + path;
    }
}
