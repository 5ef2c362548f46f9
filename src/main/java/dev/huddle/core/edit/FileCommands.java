package dev.huddle.core.edit;

import dev.huddle.core.edit.ShellLexer.Token;
import java.util.List;

/**
 * The commands that write files named in their arguments: {@code tee}, the in-place editors,
 * {@code mv}, {@code cp}, {@code install}, {@code ln}, {@code rm} and friends, {@code touch},
 * {@code truncate}, the mode changers, {@code dd of=}, {@code curl -o}, {@code wget -O}, and the
 * patch appliers fed through a here-document.
 */
final class FileCommands {

    private FileCommands() {}

    static void writes(String name, List<Token> args, String stdin, ShellWrites sink) {
        switch (name) {
            case "tee" -> all(ShellArgs.positionals(args, "", List.of()), sink);
            case "sed" -> InPlaceEditors.sed(args, sink);
            case "perl", "ruby" -> InPlaceEditors.perl(args, sink);
            case "awk", "gawk" -> InPlaceEditors.awk(args, sink);
            case "mv" -> copyLike(args, "tS", true, false, sink);
            case "cp" -> copyLike(args, "tS", false, false, sink);
            case "install" -> {
                if (ShellArgs.has(args, (char) 0, "-d", "--directory")) {
                    all(ShellArgs.positionals(args, "tmogS", List.of()), sink); // directories made
                } else {
                    copyLike(args, "tmogS", false, false, sink);
                }
            }
            case "ln" -> copyLike(args, "tS", false, true, sink);
            case "rm", "rmdir", "unlink", "shred" -> all(ShellArgs.positionals(args, "ns", List.of()), sink);
            case "touch" -> all(ShellArgs.positionals(args, "dtr", List.of("--date", "--reference")), sink);
            case "truncate" -> all(ShellArgs.positionals(args, "sr", List.of("--size", "--reference")), sink);
            case "chmod", "chown", "chgrp" -> InPlaceEditors.modes(name, args, sink);
            case "dd" -> args.stream().filter(w -> w.text.startsWith("of="))
                    .forEach(w -> sink.emit(ShellArgs.withText(w, w.text.substring(3)), List.of()));
            case "curl" -> value(ShellArgs.value(args, 'o', "--output"), sink);
            case "wget" -> value(ShellArgs.value(args, 'O', "--output-document"), sink);
            case "apply_patch", "applypatch" -> sink.patch(stdin, name);
            case "patch" -> {
                List<Token> files = ShellArgs.positionals(args, "pidDoFBVYzgr", List.of());
                value(ShellArgs.value(args, 'o', "--output"), sink);
                if (files.isEmpty()) {
                    sink.patch(stdin, name);
                } else {
                    sink.emit(files.getFirst(), List.of());
                }
            }
            default -> {
                // Not a command known to write files by itself.
            }
        }
    }

    /**
     * mv, cp, install, ln: the destination (each source's name inside it, when it is a directory);
     * mv also its sources; {@code ln -s TARGET} alone makes the link here, under the target's name.
     */
    private static void copyLike(List<Token> args, String withValue, boolean sourcesChange, boolean link,
                                 ShellWrites sink) {
        Token targetDir = ShellArgs.value(args, 't', "--target-directory");
        List<Token> pos = ShellArgs.positionals(args, withValue, List.of("--target-directory", "--suffix"));
        List<Token> sources = targetDir != null ? pos : pos.subList(0, Math.max(0, pos.size() - 1));
        Token destination = targetDir != null ? targetDir : pos.isEmpty() ? null : pos.getLast();
        if (link && targetDir == null && pos.size() == 1) {
            destination = ShellArgs.withText(pos.getFirst(), ShellArgs.basename(pos.getFirst().text));
            sources = List.of();
        }
        if (destination != null && (targetDir != null || pos.size() > 1 || link)) {
            sink.emit(destination, sources.stream().map(w -> ShellArgs.basename(w.text)).toList());
        }
        if (sourcesChange) {
            all(sources, sink);
        }
    }

    private static void all(List<Token> words, ShellWrites sink) {
        for (Token w : words) {
            if (!w.text.equals("-")) {
                sink.emit(w, List.of());
            }
        }
    }

    private static void value(Token w, ShellWrites sink) {
        if (w != null && !w.text.equals("-")) {
            sink.emit(w, List.of());
        }
    }
}
