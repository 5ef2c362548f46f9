package dev.huddle.integration.guard;

import dev.huddle.core.HuddleException;
import java.util.ArrayList;
import java.util.List;

/**
 * One line a pre-push hook reads on standard input:
 * {@code <local ref> SP <local sha> SP <remote ref> SP <remote sha>}. A local sha of zeros is a
 * deletion (nothing is pushed); a remote sha of zeros is a new branch.
 */
public record PushUpdate(String localRef, String localSha, String remoteRef, String remoteSha) {

    /** Parses every non-blank line. */
    public static List<PushUpdate> parse(String stdin) {
        List<PushUpdate> out = new ArrayList<>();
        for (String line : stdin.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split(" ");
            if (f.length != 4 || !isSha(f[1]) || !isSha(f[3])) {
                throw HuddleException.invalid("not a pre-push line ('<local ref> <local sha> <remote ref> <remote sha>'): "
                        + line.replaceAll("\\p{Cntrl}", "?"));
            }
            out.add(new PushUpdate(f[0], f[1], f[2], f[3]));
        }
        return out;
    }

    public boolean deletes() {
        return isZero(localSha);
    }

    public boolean newBranch() {
        return isZero(remoteSha);
    }

    private static boolean isSha(String s) {
        return s.matches("[0-9a-f]{40}|[0-9a-f]{64}");
    }

    private static boolean isZero(String sha) {
        return sha.chars().allMatch(c -> c == '0');
    }
}
