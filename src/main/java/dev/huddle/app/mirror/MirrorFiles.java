package dev.huddle.app.mirror;

import dev.huddle.core.HuddleException;
import dev.huddle.store.PrivateFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the mirror's files under one directory without ever following a symbolic link inside
 * it (DESIGN §8): every directory and file on the way is checked first, and files are opened
 * with O_NOFOLLOW, so a link planted between the check and the write fails instead of being
 * followed. The directory named by the user may itself be a link: the user chose it. The pages
 * quote every message, so they are written 0600 and the directories created for them 0700.
 */
final class MirrorFiles {

    private MirrorFiles() {}

    static void write(Path dir, Map<String, String> pages) {
        Path root = realRoot(dir);
        for (String relative : pages.keySet()) {
            refuseLinks(root, root.resolve(relative).normalize());
        }
        for (var page : pages.entrySet()) {
            Path target = root.resolve(page.getKey()).normalize();
            try {
                PrivateFiles.createDirectories(target.getParent());
                try (OutputStream out = PrivateFiles.replace(target)) {
                    out.write(page.getValue().getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw HuddleException.failed("cannot write " + target + ": " + e.getMessage());
            }
        }
    }

    private static Path realRoot(Path dir) {
        try {
            PrivateFiles.createDirectories(dir);
            return dir.toRealPath();
        } catch (IOException e) {
            throw HuddleException.failed("cannot create the mirror directory " + dir + ": " + e.getMessage());
        }
    }

    /** Every existing path from the root down to {@code target} must be a plain directory or file. */
    private static void refuseLinks(Path root, Path target) {
        if (!target.startsWith(root)) {
            throw HuddleException.failed("refusing to write " + target + ": outside the mirror directory " + root);
        }
        for (Path p = target; !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw HuddleException.failed("refusing to write through " + p + ": it is a symbolic link"
                        + " (Huddle never writes through links in an export; remove it or choose another directory)");
            }
        }
    }
}
