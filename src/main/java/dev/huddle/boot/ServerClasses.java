package dev.huddle.boot;

import dev.huddle.core.HuddleException;
import dev.huddle.store.postgres.PostgresPool;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the server face. In the packaged build it is {@code lib/server/*.jar} beside huddle.jar
 * (the server's classes, Jetty, the servlet API, SLF4J), outside the jar's Class-Path so that no
 * other command opens them (docs/decisions.md, "Huddle server: plumbing"); it is read through a
 * class loader of its own, child of the application's. From a build's classes (tests, IDE) the
 * server is already on the class path.
 */
public final class ServerClasses {

    static final String ENTRY = "dev.huddle.server.ServeMain";
    /** The MCP face ({@code huddle mcp}) shares the server's jar and loader: the SDK is among its libraries. */
    static final String MCP_ENTRY = "dev.huddle.mcp.McpMain";
    /** HikariCP, for {@code huddle serve} on PostgreSQL: it needs slf4j-api, a server library. */
    static final String POOL_ENTRY = "dev.huddle.store.postgres.pool.HikariPools";

    private ServerClasses() {}

    public static ServerBoot load() {
        return load(ENTRY, ServerBoot.class);
    }

    /** The MCP face over stdio ({@code huddle mcp}). */
    public static McpBoot mcp() {
        return load(MCP_ENTRY, McpBoot.class);
    }

    /** The maker of {@code huddle serve}'s PostgreSQL connection pools. */
    public static PostgresPool.Opener postgresPools() {
        return load(POOL_ENTRY, PostgresPool.Opener.class);
    }

    private static <T> T load(String entry, Class<T> type) {
        ClassLoader app = ServerClasses.class.getClassLoader();
        ClassLoader loader = app.getResource(entry.replace('.', '/') + ".class") != null ? app : ServerJars.LOADER;
        try {
            return type.cast(Class.forName(entry, true, loader).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new HuddleException(HuddleException.Kind.INTERNAL, "cannot load the server (" + e + "); is "
                    + serverDir() + " complete? Rebuild with 'mvn package'", e);
        }
    }

    /**
     * One loader for every entry ({@code serve} loads the server and, on PostgreSQL, the pool): the
     * libraries are read once and share one SLF4J. Made on first use, by the JVM's class initialisation.
     */
    private static final class ServerJars {
        static final ClassLoader LOADER = serverJars(ServerClasses.class.getClassLoader());
    }

    private static ClassLoader serverJars(ClassLoader parent) {
        Path dir = serverDir();
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            throw HuddleException.failed("cannot read the server's libraries in " + dir + " (" + e.getMessage()
                    + "); rebuild with 'mvn package'");
        }
        return new URLClassLoader("huddle-server", jars.toArray(URL[]::new), parent);
    }

    /** {@code lib/server} next to the jar this class runs from. */
    static Path serverDir() {
        try {
            URL code = ServerClasses.class.getProtectionDomain().getCodeSource().getLocation();
            return Path.of(code.toURI()).getParent().resolve("lib").resolve("server");
        } catch (URISyntaxException | RuntimeException e) {
            throw new HuddleException(HuddleException.Kind.INTERNAL, "cannot tell where huddle runs from: " + e.getMessage(), e);
        }
    }
}
