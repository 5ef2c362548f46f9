package dev.huddle.cli;

import java.util.Set;

/**
 * Where a command runs when {@code HUDDLE_URL} names a server (docs/decisions.md, "Remote CLI"):
 * through the server, except the commands whose subject is this machine's files, which always
 * work on the local store and files as they do without a server.
 */
final class Placement {

    /**
     * init creates the store; install/uninstall/guard write this repository's agent and git
     * configuration; serve is the server; token administers the store's tokens (whoever can open
     * the store, by design); backup/export/import read or write files the user names on this
     * machine, which the server's process may not even see; migrate copies this machine's store
     * into another. (hook is answered before any of this.)
     */
    private static final Set<String> LOCAL = Set.of("init", "install", "uninstall", "guard", "serve", "token",
            "backup", "export", "import", "migrate");

    private Placement() {}

    static boolean local(String command) {
        return LOCAL.contains(command);
    }
}
