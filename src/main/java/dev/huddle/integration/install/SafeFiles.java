package dev.huddle.integration.install;

import dev.huddle.core.HuddleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads and writes the files an installer touches under one root (the repository, the home
 * directory, or {@code CODEX_HOME}) without ever following a symbolic link below the root
 * (DESIGN §8): every existing directory and file on the way is checked first, files are opened
 * with {@code O_NOFOLLOW}, and a file is replaced by renaming a new file over it, which replaces a
 * link planted meanwhile instead of writing through it. The root itself may be a link: the user
 * chose it. A replaced file keeps its permissions.
 */
final class SafeFiles {

    static final String BACKUP_SUFFIX = ".huddle-backup";

    private SafeFiles() {}

    /** The file's text, or empty when it does not exist. */
    static Optional<String> read(Path root, Path file) {
        refuseLinks(root, file);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw HuddleException.failed(file + " is not a regular file; nothing was written");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readAllBytes();
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw HuddleException.failed(file + " is not UTF-8 text; nothing was written");
        } catch (IOException e) {
            throw HuddleException.failed("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Replaces (or creates) the file with {@code text}, creating missing directories. */
    static void write(Path root, Path file, String text) {
        refuseLinks(root, file);
        try {
            Files.createDirectories(file.getParent());
            refuseLinks(root, file);
            Path temp = file.resolveSibling("." + file.getFileName() + ".huddle-" + UUID.randomUUID());
            Set<PosixFilePermission> mode = Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    ? Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS) : null;
            try {
                try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS)) {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                }
                if (mode != null) {
                    Files.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(mode);
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw HuddleException.failed("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Writes {@code text} to the file's backup unless a backup exists already; true when one was written. */
    static boolean backup(Path root, Path file, String text) {
        Path backup = backupOf(file);
        refuseLinks(root, backup);
        try (OutputStream out = Files.newOutputStream(backup, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            Files.getFileAttributeView(backup, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(mode);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false; // the first backup is the original: never overwritten
        } catch (IOException e) {
            throw HuddleException.failed("cannot write the backup " + backup + ": " + e.getMessage() + "; nothing was changed");
        }
    }

    static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
    }

    /** Deletes the file, then the directories it leaves empty, up to (not including) the root. */
    static void delete(Path root, Path file) {
        refuseLinks(root, file);
        try {
            Files.deleteIfExists(file);
            for (Path dir = file.getParent(); dir != null && !dir.equals(root) && dir.startsWith(root); dir = dir.getParent()) {
                try {
                    Files.delete(dir);
                } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                    break; // someone else's files are there, or it is gone: stop pruning
                }
            }
        } catch (IOException e) {
            throw HuddleException.failed("cannot delete " + file + ": " + e.getMessage());
        }
    }

    /** Every existing path from below the root down to {@code file} must be a plain directory or file. */
    static void refuseLinks(Path root, Path file) {
        Path r = root.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        if (!f.startsWith(r) || f.equals(r)) {
            throw HuddleException.failed("refusing to write " + f + ": it is not inside " + r);
        }
        for (Path p = f; !p.equals(r); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw HuddleException.failed("refusing to use " + p + ": it is a symbolic link, and Huddle never"
                        + " reads or writes settings through links; replace it with the file it points to,"
                        + " or edit the settings by hand; nothing was written");
            }
        }
    }
}
