package dev.huddle.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Makes sqlite-jdbc load its JNI library from a copy extracted once per user, driver version and
 * platform, under {@code ${XDG_CACHE_HOME:-~/.cache}/huddle/sqlite-jdbc-VERSION/OS-ARCH/}.
 *
 * <p>By default the driver copies the 1.1 MB library into the temp directory under a new name on
 * every start and deletes it at exit, about 65 ms of every CLI command (shared/notes/jvm-startup.md).
 * {@link #prepare()} points {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name} at the cached
 * copy instead; it must run before the first SQLite connection is opened, because the driver reads
 * those properties once, when it loads the library.
 *
 * <p>Nothing here can break SQLite access: when the cache cannot be written (read-only home, no
 * library bundled for this platform) the properties are left alone and the driver does what it
 * always does; when the cached copy fails to load, the driver falls back to extracting its own.
 * A user who set {@code org.sqlite.lib.path} keeps their choice.
 *
 * <p>The cache directory is keyed by {@code os.name}/{@code os.arch}, not by the driver's own
 * platform probe ({@code OSInfo}, which lists {@code /proc/self/map_files} and costs milliseconds
 * even when warm); that probe runs only when the library is first extracted.
 */
public final class SqliteNativeLibrary {

    static final String LIB_PATH = "org.sqlite.lib.path";
    static final String LIB_NAME = "org.sqlite.lib.name";
    /** The directory the driver scans for stale copies on every start; ours holds one file. */
    static final String TMP_DIR = "org.sqlite.tmpdir";

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private static boolean prepared;

    private SqliteNativeLibrary() {}

    /**
     * Points the driver at the cached library, extracting it first if this is the first run for this
     * driver version. Idempotent; on the warm path one {@code stat} and a few property writes.
     */
    public static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        QuietLogging.install();
        if (System.getProperty(LIB_PATH) != null) {
            return;
        }
        Path root = cacheRoot(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home"));
        if (root == null) {
            return;
        }
        try {
            Path library = locate(root);
            String dir = library.getParent().toString();
            System.setProperty(LIB_PATH, dir);
            System.setProperty(LIB_NAME, library.getFileName().toString());
            if (System.getProperty(TMP_DIR) == null) {
                System.setProperty(TMP_DIR, dir);
            }
        } catch (IOException | RuntimeException | LinkageError ignore) {
            // Read-only or odd home, unknown driver layout: the driver's default still works.
        }
    }

    /**
     * Starts loading the driver's native library on a background thread, so that it overlaps with
     * the caller's own start-up work; the first connection then finds it loaded (the driver's loader
     * is synchronized, so a connection opened sooner simply waits for it). Best effort: a failure
     * here is left for the first connection to report.
     */
    public static void preloadInBackground() {
        Thread loader = new Thread(SqliteNativeLibrary::preload, "huddle-sqlite-preload");
        loader.setDaemon(true);
        loader.start();
    }

    private static void preload() {
        try {
            prepare();
            SQLiteJDBCLoader.initialize();
            // Every connection builds this formatter (time-zone and calendar data); the driver
            // caches it by pattern, so the connection then finds it ready.
            org.sqlite.date.FastDateFormat.getInstance(org.sqlite.SQLiteConfig.DEFAULT_DATE_STRING_FORMAT);
        } catch (Exception | LinkageError ignore) {
            // The first real connection loads the library again and reports what went wrong.
        }
    }

    /** {@code $XDG_CACHE_HOME} when it is an absolute path (as the XDG spec requires), else {@code ~/.cache}. */
    static Path cacheRoot(String xdgCacheHome, String userHome) {
        if (xdgCacheHome != null && !xdgCacheHome.isEmpty()) {
            Path xdg = Path.of(xdgCacheHome);
            if (xdg.isAbsolute()) {
                return xdg;
            }
        }
        if (userHome == null || userHome.isEmpty() || userHome.equals("?")) {
            return null;
        }
        return Path.of(userHome, ".cache");
    }

    /**
     * The cached library under {@code cacheRoot}, extracted from the driver's jar first if it is not
     * there yet.
     *
     * @throws IOException if the cache cannot be written or the driver bundles no library for this
     *     platform
     */
    static Path locate(Path cacheRoot) throws IOException {
        String version = driverVersion();
        if (!isVersion(version)) {
            // "unknown" would let a cache outlive a driver upgrade.
            throw new IOException("sqlite-jdbc version unknown: " + version);
        }
        Path dir = cacheRoot.resolve("huddle").resolve("sqlite-jdbc-" + version).resolve(platform());
        Path library = dir.resolve(LibraryLoaderUtil.getNativeLibName());
        if (!Files.isRegularFile(library)) {
            extract(dir, library);
        }
        return library;
    }

    /**
     * The driver's version, read from its jar's file name ({@code sqlite-jdbc-3.54.1.0.jar}) when it
     * has the usual Maven name: asking the driver reads a resource from its 20 MB jar, several
     * milliseconds of every cold start. Any other layout falls back to asking the driver.
     */
    static String driverVersion() {
        try {
            var source = SQLiteJDBCLoader.class.getProtectionDomain().getCodeSource();
            String name = source == null ? "" : Path.of(source.getLocation().toURI()).getFileName().toString();
            if (name.startsWith("sqlite-jdbc-") && name.endsWith(".jar")) {
                String version = name.substring("sqlite-jdbc-".length(), name.length() - ".jar".length());
                if (isVersion(version)) {
                    return version;
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException ignore) {
            // An unusual class path (nested jar, custom loader): the driver knows its version.
        }
        return SQLiteJDBCLoader.getVersion();
    }

    /** For example {@code linux-amd64} or {@code mac_os_x-aarch64}. No regex: this is the warm path. */
    static String platform() {
        String raw = (System.getProperty("os.name") + "-" + System.getProperty("os.arch")).toLowerCase(Locale.ROOT);
        StringBuilder name = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
            name.append(plain ? c : '_');
        }
        return name.toString();
    }

    /** A release such as {@code 3.54.1.0}, not the driver's {@code unknown}. */
    static boolean isVersion(String version) {
        if (version == null || version.isEmpty() || version.charAt(0) < '0' || version.charAt(0) > '9') {
            return false;
        }
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && c != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies the driver's bundled library for this platform to {@code library}: written to a temp
     * file in the same directory, then renamed, so a concurrent reader or a second extracting process
     * only ever sees a complete file.
     */
    private static void extract(Path dir, Path library) throws IOException {
        createPrivateDirectories(dir);
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        Path temp = Files.createTempFile(dir, library.getFileName() + ".", ".tmp");
        try {
            try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("sqlite-jdbc has no native library for this platform: " + resource);
                }
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (isPosix()) {
                Files.setPosixFilePermissions(temp, PRIVATE);
            }
            move(temp, library);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void move(Path temp, Path library) throws IOException {
        try {
            Files.move(temp, library, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // Another process won the race (or the file system cannot replace atomically): the
            // copy in place is as good as ours, as long as it is complete.
            if (!Files.isRegularFile(library) || Files.size(library) != Files.size(temp)) {
                throw e;
            }
        }
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        if (isPosix()) {
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(PRIVATE);
            Files.createDirectories(dir, mode);
        } else {
            Files.createDirectories(dir);
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
