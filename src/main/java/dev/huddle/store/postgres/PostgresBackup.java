package dev.huddle.store.postgres;

import dev.huddle.core.HuddleException;
import dev.huddle.store.PrivateFiles;
import dev.huddle.store.Store;
import dev.huddle.store.Tx;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code huddle backup} of a PostgreSQL store. */
final class PostgresBackup {

    private PostgresBackup() {}

    /**
     * A PostgreSQL store is backed up as its JSON-lines export (the format of {@code export --jsonl},
     * read back by {@code import}), taken from one snapshot while others keep writing. Bearer tokens
     * are not in it, as in every export. A physical copy of the database is pg_dump's job.
     */
    static void write(Store store, Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        try {
            PrivateFiles.createEmpty(absolute);
        } catch (FileAlreadyExistsException e) {
            throw HuddleException.failed("backup target " + absolute + " already exists; choose a new file name");
        } catch (IOException e) {
            throw HuddleException.failed("cannot create the backup " + absolute + ": " + e.getMessage());
        }
        try (BufferedWriter out = Files.newBufferedWriter(absolute, StandardCharsets.UTF_8)) {
            store.read((Tx tx) -> {
                tx.dump().export(line -> writeLine(out, line));
                return null;
            });
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(absolute);
            throw HuddleException.failed("cannot write the backup " + absolute + ": " + e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(absolute);
            throw e;
        }
    }

    private static void writeLine(BufferedWriter out, String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignore) {
            // The failure being reported matters more; a partial backup is named in it.
        }
    }

}
