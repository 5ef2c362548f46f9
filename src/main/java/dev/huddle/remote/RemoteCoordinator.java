package dev.huddle.remote;

import dev.huddle.api.JsonCodec;
import dev.huddle.api.Operation;
import dev.huddle.api.OperationTable;
import dev.huddle.api.QueryForm;
import dev.huddle.app.Coordinator;
import dev.huddle.app.ErrorCode;
import dev.huddle.core.HuddleException;
import dev.huddle.json.MiniJson;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The Coordinator through a running {@code huddle serve}: every family is a class the build
 * generates ({@link FamilySources}) whose methods hand their arguments here; each call finds the
 * method's row in {@link OperationTable}, sends its arguments encoded by
 * {@link JsonCodec} to the row's route, and decodes the very value the local Coordinator would
 * return. An error answer becomes the exception the local Coordinator throws (same kind, same
 * message), so the CLI prints the same line and exits with the same code. No method is written
 * per use case; a stream is read as server-sent events ({@link RemoteStream}). Nothing falls back
 * to the file.
 */
public final class RemoteCoordinator extends CallingCoordinator {

    private final Transport transport;
    private final Map<String, Operation> operations = new HashMap<>();

    public RemoteCoordinator(URI url, String token) {
        this(new Transport(url, token));
    }

    RemoteCoordinator(Transport transport) {
        this.transport = transport;
    }

    /** The server's address, as given. */
    public URI url() {
        return transport.url();
    }

    @Override
    public Coordinator rehearsing() {
        return new RemoteCoordinator(transport.rehearsing());
    }

    static HuddleException notThroughServer(String what) {
        return HuddleException.failed(what + " is not available through the huddle server yet; unset HUDDLE_URL "
                + "to run it on the store file");
    }

    @Override
    protected Object call(Class<?> family, String method, Object[] args) {
        // One row resolved per method called: a CLI process calls one or two (OperationTable).
        Operation op = operations.computeIfAbsent(family.getSimpleName() + "." + method,
                k -> OperationTable.forName(family, method));
        if (op == null) {
            throw notThroughServer(family.getSimpleName() + "." + method);
        }
        return call(op, args);
    }

    private Object call(Operation op, Object[] args) {
        if (op.isStream()) {
            return new RemoteStream(transport, op, this::failure).follow(args);
        }
        Transport.Answer answer = op.verb() == Operation.Verb.GET
                ? transport.get(op.fullPath(), QueryForm.parameters(op, args))
                : transport.post(op.fullPath(), MiniJson.write(JsonCodec.request(op, args)));
        // A refusal (409) carries the refused result beside its error: the very value the local
        // Coordinator returns, so the CLI words it and exits as it does locally.
        Object refused = answer.status() == 409 ? json(answer.body()) : null;
        if (answer.status() != 200 && !(refused instanceof Map<?, ?> r && r.containsKey("result"))) {
            throw failure(op, answer);
        }
        try {
            return refused instanceof Map<?, ?> r
                    ? JsonCodec.decode(r.get("result"), op.result(), "result")
                    : JsonCodec.read(answer.body(), op.result());
        } catch (IllegalArgumentException e) {
            throw new HuddleException(HuddleException.Kind.INTERNAL, "the huddle server at " + transport.url()
                    + " answered " + op.name() + " with what this client cannot read (" + e.getMessage()
                    + "); are the client and server the same version?");
        }
    }

    /** The parsed body, or null when it is not JSON (a proxy's page, say). */
    private static Object json(String body) {
        try {
            return MiniJson.read(body);
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

    /** The one entry of the error table with this status, for answers whose body was not the API's; else null. */
    private static ErrorCode byStatus(int status) {
        ErrorCode found = null;
        for (ErrorCode c : ErrorCode.values()) {
            if (c.httpStatus() == status) {
                if (found != null) {
                    return null;
                }
                found = c;
            }
        }
        return found;
    }

    /** The error answer as the exception the local Coordinator throws for it. */
    HuddleException failure(Operation op, Transport.Answer answer) {
        String code = null;
        String message = null;
        try {
            if (MiniJson.readObject(answer.body()).get("error") instanceof Map<?, ?> error) {
                code = error.get("code") instanceof String c ? c : null;
                message = error.get("message") instanceof String m ? m : null;
            }
        } catch (IllegalArgumentException notJson) {
            // Not the API's error shape (a proxy's page, say): named by status below.
        }
        ErrorCode error = code == null ? byStatus(answer.status()) : ErrorCode.byCode(code);
        if (code == null && error != null) {
            // The JDK client keeps a 401's body to itself; the status is what the table needs.
            message = "HTTP " + answer.status();
        }
        if (error == null || message == null) {
            return HuddleException.failed("the huddle server at " + transport.url() + " answered " + op.name()
                    + " with HTTP " + answer.status() + " and no Huddle error; is HUDDLE_URL a huddle server?");
        }
        return asThrown(error, message, transport.url());
    }

    /**
     * The exception the local Coordinator throws for an error of the table, worded as this client
     * words it (same kind, same message): what the CLI prints for an answer of the server at {@code url}.
     */
    public static HuddleException asThrown(ErrorCode error, String message, URI url) {
        return switch (error) {
            case BAD_INPUT, TOO_LARGE -> HuddleException.invalid(message);
            case DENIED -> new HuddleException(HuddleException.Kind.DENIED, message);
            case NOT_READY -> new HuddleException(HuddleException.Kind.NOT_READY, message);
            case UNAUTHORIZED -> HuddleException.failed("the huddle server at " + url + " refused the "
                    + "credential (" + message + "); set HUDDLE_TOKEN to a live token from 'huddle token issue'");
            case FORBIDDEN -> HuddleException.failed(message + " (server at " + url + ")");
            case INTERNAL -> new HuddleException(HuddleException.Kind.INTERNAL, message);
            default -> HuddleException.failed(message);
        };
    }
}
