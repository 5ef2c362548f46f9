package dev.huddle.integration.install;

import dev.huddle.integration.install.FileOutcome.Change;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One planned change of one file: its text before and after (null: absent), whether the original
 * is backed up first, and whether the file's backup goes afterwards (it was restored). Planned
 * edits are applied only once every file was read and every new text computed, so a file Huddle
 * cannot read leaves all of them untouched.
 */
record FileEdit(Path root, Path file, String before, String after, boolean backup, boolean dropBackup, Change kind) {

    static FileEdit of(Path root, Path file, Optional<String> before, String after, boolean backup) {
        Change kind = Objects.equals(before.orElse(null), after) ? Change.UNCHANGED
                : before.isEmpty() ? Change.CREATED : after == null ? Change.REMOVED : Change.UPDATED;
        return new FileEdit(root, file, before.orElse(null), after, backup, false, kind);
    }

    /** The original text comes back from the backup, which then goes. */
    static FileEdit restore(Path root, Path file, Optional<String> before, String original) {
        Change kind = Objects.equals(before.orElse(null), original) ? Change.UNCHANGED : Change.RESTORED;
        return new FileEdit(root, file, before.orElse(null), original, false, true, kind);
    }

    /** Left as it is on purpose (reported, not written). */
    static FileEdit kept(Path root, Path file, String text) {
        return new FileEdit(root, file, text, text, false, false, Change.KEPT);
    }

    boolean changes() {
        return !Objects.equals(before, after);
    }

    /** Writes the change (unless {@code dryRun}) and says what it did or would do. */
    FileOutcome apply(boolean dryRun) {
        Path backupFile = SafeFiles.backupOf(file);
        boolean backupExists = Files.exists(backupFile, LinkOption.NOFOLLOW_LINKS);
        boolean backsUp = backup && before != null && changes();
        if (!dryRun) {
            if (backsUp) {
                SafeFiles.backup(root, file, before);
            }
            if (changes()) {
                if (after == null) {
                    SafeFiles.delete(root, file);
                } else {
                    SafeFiles.write(root, file, after);
                }
            }
            if (dropBackup && backupExists) {
                SafeFiles.delete(root, backupFile);
            }
        }
        Optional<Path> shown = backsUp || backupExists && !dropBackup ? Optional.of(backupFile) : Optional.empty();
        String diff = UnifiedDiff.of(file.toString(), before, after);
        return new FileOutcome(file, kind, shown, diff);
    }
}
