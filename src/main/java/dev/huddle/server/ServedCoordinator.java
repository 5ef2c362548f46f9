package dev.huddle.server;

import dev.huddle.api.JsonCodec;
import dev.huddle.api.Operation;
import dev.huddle.api.Operations;
import dev.huddle.app.Coordinator;
import dev.huddle.remote.CallingCoordinator;
import dev.huddle.remote.RemoteCoordinator;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Coordinator as one credential sees the server's store, in the server's process: the command
 * lines the server runs for the launcher ({@link CommandLineRoute}) call through it. Each call is
 * the API's ({@link OperationDispatch}: operator rights, caller fields bound to the credential,
 * audit, waits, the waiters woken), with the arguments as the remote client encodes them, and
 * returns the very value the route would have sent; an API error becomes the exception the remote
 * client would have thrown for it. So a command line answers here as it does through
 * {@link RemoteCoordinator}, without the HTTP round trip per call.
 */
final class ServedCoordinator extends CallingCoordinator {

    /** Every operation by family and method name: the generated families call by name. */
    private static final Map<String, Operation> BY_METHOD = byMethod();

    private final OperationDispatch dispatch;
    private final Caller caller;
    private final ApiRequest request;
    private final URI url;
    private final boolean rehearsal;

    /** @param url what the client calls the server, for messages worded as the remote client words them */
    ServedCoordinator(OperationDispatch dispatch, Caller caller, ApiRequest request, URI url, boolean rehearsal) {
        this.dispatch = dispatch;
        this.caller = caller;
        this.request = request;
        this.url = url;
        this.rehearsal = rehearsal;
    }

    @Override
    protected Object call(Class<?> family, String method, Object[] args) {
        Operation op = BY_METHOD.get(family.getSimpleName() + "." + method);
        if (op == null || op.isStream()) {
            // CommandLineRoute serves no command that streams; a use case without a route is not served at all.
            throw new IllegalStateException(family.getSimpleName() + "." + method + " is not served in the server's command lines");
        }
        try {
            return dispatch.call(op, new LinkedHashMap<>(JsonCodec.request(op, args)), caller, rehearsal, request);
        } catch (ApiError e) {
            throw RemoteCoordinator.asThrown(e.code(), e.getMessage(), url);
        }
    }

    @Override
    public Coordinator rehearsing() {
        return new ServedCoordinator(dispatch, caller, request, url, true);
    }

    private static Map<String, Operation> byMethod() {
        Map<String, Operation> all = new HashMap<>();
        for (Operation op : Operations.ALL) {
            all.put(op.family().getSimpleName() + "." + op.method().getName(), op);
        }
        return Map.copyOf(all);
    }
}
