package dev.huddle.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Files that hold the store's data (the store itself, backups, exports) are its owner's only
 * (DESIGN §8): files 0600, the directories Huddle creates for them 0700, whatever the umask (the
 * mode is set again after creation, since the umask can only take bits away), and nothing is
 * written through a symbolic link (files are opened with O_NOFOLLOW; the mode is set on the opened
 * file, not on whatever the name points to). On a file system without POSIX modes the modes are
 * skipped; everything else still holds.
 */
public final class PrivateFiles {

    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    /** A new file, 0600; {@link FileAlreadyExistsException} for anything already at {@code file}, a link included. */
    public static OutputStream create(Path file) throws IOException {
        return open(file, StandardOpenOption.CREATE_NEW);
    }

    /** A new or truncated existing regular file, 0600; a symbolic link at {@code file} fails. */
    public static OutputStream replace(Path file) throws IOException {
        return open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Creates {@code file} empty and 0600 for a writer that insists on opening it itself (SQLite's VACUUM INTO). */
    public static void createEmpty(Path file) throws IOException {
        create(file).close();
    }

    /**
     * Creates the missing directories of {@code dir} one by one, each 0700; existing ones (chosen
     * by the user) keep their mode.
     */
    public static void createDirectories(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.addFirst(p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p, attribute(DIRECTORY));
            } catch (FileAlreadyExistsException raced) {
                // Another process made it meanwhile; Files.isDirectory below decides whether that is usable.
                continue;
            }
            setMode(p, DIRECTORY);
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
    }

    /** Sets {@code mode} on {@code path} itself, never on a link's target (fails on a link). */
    public static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            view.setPermissions(mode);
        }
    }

    private static OutputStream open(Path file, OpenOption... how) throws IOException {
        Set<OpenOption> options = new HashSet<>(List.of(how));
        options.add(StandardOpenOption.WRITE);
        options.add(LinkOption.NOFOLLOW_LINKS);
        var channel = Files.newByteChannel(file, options, attribute(FILE));
        try {
            setMode(file, FILE);
            return Channels.newOutputStream(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static FileAttribute<?>[] attribute(Set<PosixFilePermission> mode) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }
}
