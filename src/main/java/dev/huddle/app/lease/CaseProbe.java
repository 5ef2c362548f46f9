package dev.huddle.app.lease;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether the file system under the repository root folds case ({@code A.py} and {@code a.py} one
 * file, as on macOS and Windows by default, vfat, or an ext4 directory with casefold). Injected so
 * that the folding rules can be tested on a file system that does not fold.
 */
@FunctionalInterface
public interface CaseProbe {

    boolean foldsCase(Path realRoot);

    /**
     * Asks the file system: an entry of the root with a cased letter ({@code .git} first, else the
     * first one listed) is looked up with its case swapped; folding when that finds the same file.
     * Two or three stat calls; a root with no such entry is taken as case-sensitive.
     */
    static CaseProbe fileSystem() {
        return root -> {
            Path entry = root.resolve(".git");
            if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                entry = firstCased(root);
            }
            if (entry == null) {
                return false;
            }
            Path swapped = entry.resolveSibling(swapCase(entry.getFileName().toString()));
            try {
                return Files.exists(swapped, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(entry, swapped);
            } catch (IOException e) {
                return false;
            }
        };
    }

    /** A file system that never folds. */
    static CaseProbe sensitive() {
        return root -> false;
    }

    private static Path firstCased(Path root) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!swapCase(name).equals(name)) {
                    return e;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String swapCase(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.equals(name) ? name.toLowerCase(Locale.ROOT) : upper;
    }
}
