package dev.huddle.server;

import dev.huddle.boot.ServerBoot;
import dev.huddle.core.HuddleException;
import java.util.List;
import java.util.Set;

/**
 * The server face's entry point, loaded by name ({@link dev.huddle.boot.ServerClasses}): checks
 * the bind, builds the route table and starts {@link Serving}. The use cases' routes join the
 * table here as the Coordinator's table of operations grows them (issue 8, item 2).
 */
public final class ServeMain implements ServerBoot {

    @Override
    public Running start(Options options) {
        Bind bind = options.bind() == null ? Bind.DEFAULT : Bind.parse(options.bind());
        if (!bind.loopback() && !options.allowRemote()) {
            throw HuddleException.invalid("refusing to listen on " + bind + ", which other machines can reach: pass "
                    + "--allow-remote to mean it, or bind 127.0.0.1");
        }
        Routes routes = new Routes();
        Health.register(routes, options.version(), "sqlite");
        ServerConfig config = ServerConfig.at(bind).withAllowedHosts(Set.copyOf(options.allowHosts())).withLog(options.log());
        return Serving.start(config, routes, List.of(), options.storeDir());
    }
}
