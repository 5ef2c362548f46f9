package dev.huddle.core.edit;

import dev.huddle.core.edit.ShellLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Commands whose file arguments are written only with an option ({@code sed -i}, {@code perl -i},
 * {@code awk -i inplace}), or that follow a leading non-file argument (chmod's mode, chown's owner).
 */
final class InPlaceEditors {

    private static final Pattern SYMBOLIC_MODE = Pattern.compile("-[rwxXstugoa]+([,+=-][rwxXstugoa]*)*");

    private InPlaceEditors() {}

    /** {@code sed -i[SUFFIX] [-e SCRIPT | -f FILE]... [SCRIPT] FILE...}; BSD's {@code sed -i '' ...} too. */
    static void sed(List<Token> args, ShellWrites sink) {
        scriptEditor(args, sink, "ef", "l", true);
    }

    /** {@code perl -pi -e SCRIPT FILE...}, {@code perl -i.bak -pe ...}; ruby reads the same options. */
    static void perl(List<Token> args, ShellWrites sink) {
        scriptEditor(args, sink, "eE", "Ilx0", true);
    }

    /** {@code gawk -i inplace PROGRAM FILE...} (or {@code --include=inplace}); other awks never edit in place. */
    static void awk(List<Token> args, ShellWrites sink) {
        boolean inPlace = false;
        boolean programGiven = false;
        List<Token> pos = new ArrayList<>();
        for (int k = 0; k < args.size(); k++) {
            String t = args.get(k).text;
            String next = k + 1 < args.size() ? args.get(k + 1).text : "";
            if (t.equals("-i") || t.equals("--include")) {
                inPlace |= next.equals("inplace");
                k++;
            } else if (t.equals("-iinplace") || t.equals("--include=inplace")) {
                inPlace = true;
            } else if (t.equals("-f") || t.equals("-e") || t.equals("--file") || t.equals("--source")) {
                programGiven = true;
                k++;
            } else if (t.equals("-v") || t.equals("-F")) {
                k++;
            } else if (!t.startsWith("-") || t.equals("-")) {
                pos.add(args.get(k));
            }
        }
        if (inPlace) {
            emitFiles(pos, programGiven, sink);
        }
    }

    /**
     * sed and perl: {@code -i} (alone, or in a cluster, followed by its backup suffix) makes every
     * file argument a target; the first positional is the script unless one was given by option.
     */
    private static void scriptEditor(List<Token> args, ShellWrites sink, String scriptOptions, String valueOptions,
                                     boolean bsdEmptySuffix) {
        boolean inPlace = false;
        boolean scriptGiven = false;
        boolean options = true;
        List<Token> pos = new ArrayList<>();
        for (int k = 0; k < args.size(); k++) {
            Token w = args.get(k);
            String t = w.text;
            if (!options || !t.startsWith("-") || t.equals("-")) {
                pos.add(w);
            } else if (t.equals("--")) {
                options = false;
            } else if (t.startsWith("--")) {
                inPlace |= t.startsWith("--in-place");
                boolean script = t.startsWith("--expression") || t.startsWith("--file");
                scriptGiven |= script;
                if (script && !t.contains("=")) {
                    k++;
                }
            } else {
                for (int j = 1; j < t.length(); j++) {
                    char c = t.charAt(j);
                    if (c == 'i') {
                        inPlace = true;
                        boolean alone = j == t.length() - 1;
                        if (alone && bsdEmptySuffix && k + 1 < args.size() && args.get(k + 1).text.isEmpty()
                                && args.get(k + 1).quoted) {
                            k++;
                        }
                        break;
                    }
                    if (scriptOptions.indexOf(c) >= 0 || valueOptions.indexOf(c) >= 0) {
                        scriptGiven |= scriptOptions.indexOf(c) >= 0;
                        if (j == t.length() - 1) {
                            k++;
                        }
                        break;
                    }
                }
            }
        }
        if (inPlace) {
            emitFiles(pos, scriptGiven, sink);
        }
    }

    private static void emitFiles(List<Token> pos, boolean scriptGiven, ShellWrites sink) {
        List<Token> files = scriptGiven ? pos : pos.subList(Math.min(1, pos.size()), pos.size());
        for (Token w : files) {
            if (!w.text.equals("-")) {
                sink.emit(w, List.of());
            }
        }
    }

    /** chmod MODE FILE..., chown OWNER FILE..., chgrp GROUP FILE...; {@code --reference=F} replaces the first. */
    static void modes(String name, List<Token> args, ShellWrites sink) {
        boolean reference = args.stream().anyMatch(w -> w.text.startsWith("--reference"));
        boolean leadingGiven = reference;
        boolean options = true;
        for (int k = 0; k < args.size(); k++) {
            Token w = args.get(k);
            String t = w.text;
            if (options && t.equals("--")) {
                options = false;
            } else if (options && t.equals("--reference")) {
                k++;
            } else if (options && t.startsWith("-") && !(name.equals("chmod") && isSymbolicMode(t) && !leadingGiven)) {
                continue;
            } else if (!leadingGiven) {
                leadingGiven = true;
            } else {
                sink.emit(w, List.of());
            }
        }
    }

    /** {@code chmod -x file}: a mode that looks like an option. */
    private static boolean isSymbolicMode(String t) {
        return SYMBOLIC_MODE.matcher(t).matches();
    }
}
