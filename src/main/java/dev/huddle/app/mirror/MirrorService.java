package dev.huddle.app.mirror;

import dev.huddle.app.Context;
import dev.huddle.core.HuddleException;
import dev.huddle.store.PrivateFiles;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** Export, import and the Markdown mirror over the store. */
public final class MirrorService implements Mirror {

    private final Context ctx;

    public MirrorService(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Exported exportJsonl(Path file) {
        Path target = ctx.workspace().cwd().resolve(file).normalize();
        // A new file only (an existing one, a symbolic link included, is refused), 0600: it holds every message.
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(PrivateFiles.create(target), StandardCharsets.UTF_8))) {
            return new Exported(target.toString(), dump(out, target));
        } catch (FileAlreadyExistsException e) {
            throw HuddleException.failed(target + " already exists; choose a new file name");
        } catch (IOException | UncheckedIOException e) {
            throw HuddleException.failed("cannot write " + target + ": " + e.getMessage());
        }
    }

    /** Writes the dump from one read snapshot; a failure removes the partial file. */
    private long dump(BufferedWriter out, Path target) throws IOException {
        long[] lines = {0};
        try {
            ctx.read(tx -> {
                tx.dump().export(line -> {
                    write(out, line);
                    lines[0]++;
                });
                return null;
            });
            return lines[0];
        } catch (RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }

    private static void write(BufferedWriter out, String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Imported importJsonl(Path file) {
        Path source = ctx.workspace().cwd().resolve(file).normalize();
        if (!Files.isRegularFile(source)) {
            throw HuddleException.failed("cannot import " + source + ": no such file");
        }
        return ctx.write(tx -> {
            Map<String, Long> held = tx.dump().contents();
            if (!held.isEmpty()) {
                throw HuddleException.failed("store " + ctx.store().location() + " is not empty (it holds "
                        + held.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                        + "): import restores into an empty store only; point HUDDLE_DB (or --db) at a new file");
            }
            // Opened inside the transaction: a busy store may run this work again, from the first line.
            try (BufferedReader in = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
                return new Imported(source.toString(), tx.dump().restore(in.lines().iterator()));
            } catch (IOException | UncheckedIOException e) {
                throw HuddleException.failed("cannot read " + source + ": " + e.getMessage());
            } catch (HuddleException e) {
                throw e instanceof dev.huddle.store.StoreException ? e
                        : new HuddleException(e.kind(), source + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Exported exportMarkdown(Path dir) {
        Path root = ctx.workspace().cwd().resolve(dir).normalize();
        MirrorSnapshot snapshot = ctx.read(tx -> MirrorSnapshot.take(tx, ctx.settings().presence(), ctx.now()));
        Map<String, String> pages = MarkdownPages.render(snapshot);
        MirrorFiles.write(root, pages);
        return new Exported(root.toString(), pages.size());
    }
}
