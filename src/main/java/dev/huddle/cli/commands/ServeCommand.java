package dev.huddle.cli.commands;

import dev.huddle.boot.ServerBoot;
import dev.huddle.boot.ServerClasses;
import dev.huddle.boot.ServerWiring;
import dev.huddle.cli.Command;
import dev.huddle.cli.ExitCode;
import dev.huddle.cli.Invocation;
import dev.huddle.cli.args.ArgSpec;
import dev.huddle.cli.args.Option;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code huddle serve}: runs the HTTP server over this store until SIGTERM or Ctrl-C, then drains
 * the requests in flight and exits 0. Prints its URL as the first line of stdout. Only this
 * command loads the server face and Jetty ({@link ServerClasses}).
 */
public final class ServeCommand implements Command {

    static final String BIND = "--bind";
    static final String ALLOW_REMOTE = "--allow-remote";
    static final String ALLOW_HOST = "--allow-host";

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.of("serve [--bind HOST:PORT] [--allow-remote] [--allow-host NAME]...",
                        "run the HTTP server for this store (127.0.0.1:" + ServerBoot.DEFAULT_PORT + " by default)")
                .option(Option.value(BIND, "HOST:PORT", "listen here (default 127.0.0.1:" + ServerBoot.DEFAULT_PORT
                        + "; port 0 picks a free one)"))
                .option(Option.flag(ALLOW_REMOTE, "allow a bind other machines can reach (put TLS in a reverse proxy)"))
                .option(Option.repeated(ALLOW_HOST, "NAME", "also answer requests whose Host is NAME (a reverse proxy's name)"))
                .build();
    }

    @Override
    public int run(Invocation inv) {
        Path storeDir = inv.runtime().location().stateDir();
        ServerWiring wiring = ServerWiring.of(inv.runtime());
        ServerBoot.Options options = new ServerBoot.Options(inv.args().value(BIND).orElse(null), inv.args().has(ALLOW_REMOTE),
                inv.args().values(ALLOW_HOST), storeDir, version(), System.err, wiring.coordinators(), wiring.written(),
                () -> inv.runtime().settings().onHookError(), inv.runtime().location().repoRoot(), wiring.shared(),
                new dev.huddle.cli.ServedCommandLines());
        ServerBoot.Running server;
        try {
            server = ServerClasses.load().start(options);
        } catch (RuntimeException e) {
            wiring.close();
            throw e;
        }
        stopOnSignal(server, wiring, inv);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", server.url().toString());
        json.put("pid", ProcessHandle.current().pid());
        inv.out().json(json);
        inv.out().answer(server.url().toString());
        if (server.remote()) {
            inv.out().warn("serving other machines over plain HTTP: TLS belongs to a reverse proxy in front "
                    + "(README, 'Serving beyond this machine')");
        }
        inv.out().flush();
        try {
            server.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.OK;
    }

    /**
     * SIGTERM and Ctrl-C start the JVM's shutdown, whose exit status would be 143: the hook drains
     * and cleans up, then halts with 0, the status of a requested stop (docs/decisions.md).
     */
    private static void stopOnSignal(ServerBoot.Running server, ServerWiring wiring, Invocation inv) {
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            wiring.close();
            inv.close();
            inv.out().flush();
            System.out.flush();
            java.lang.Runtime.getRuntime().halt(ExitCode.OK);
        }, "huddle-serve-stop"));
    }

    private static String version() {
        String v = ServeCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
