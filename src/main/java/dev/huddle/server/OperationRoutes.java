package dev.huddle.server;

import dev.huddle.api.JsonCodec;
import dev.huddle.api.Operation;
import dev.huddle.api.Operations;
import dev.huddle.api.QueryForm;
import dev.huddle.app.ErrorCode;
import dev.huddle.app.Refusal;
import dev.huddle.render.RefusalText;
import dev.huddle.json.MiniJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * One route per operation of the table ({@link Operations#ALL}), none written by hand: decode the
 * request (query for a GET, JSON body for a POST) with {@link JsonCodec}, bind the caller fields
 * from the credential, check operator rights, call the family method, encode the result.
 *
 * <p>Expected refusals (every result that is a {@link Refusal}: {@code LockOutcome.Denied},
 * {@code UnlockOutcome.Refused}, …) are 409 with the error table's body, worded as the CLI words
 * them ({@link RefusalText}), plus the encoded result under {@code "result"}: a client decodes
 * the very value the local Coordinator returns, so the CLI's own mapping gives the same line and
 * exit code (docs/decisions.md, "Refusals are 409"). Thrown failures are the error table's.
 *
 * <p>Streams (server-sent events) are routed by {@link EventStreams}.
 */
public final class OperationRoutes {

    /** Called before an operator action runs, to audit it: the caller and the operation's name. */
    public interface Audit extends BiConsumer<Caller, String> {}

    private OperationRoutes() {}

    /**
     * Registers every operation of the table that answers with one result. A call that may wait
     * ({@code lock} with {@code waitFor}, {@code frontier} with {@code wait}, {@code awaitInbox})
     * holds a coordinator of the waiting pool for the whole wait ({@link OperationDispatch}).
     */
    static void register(Routes routes, OperationDispatch dispatch, InstantSource clock) {
        for (Operation op : Operations.ALL) {
            if (!op.isStream()) {
                routes.add(op.verb().name(), op.fullPath(), request -> handle(op, request, dispatch, clock));
            }
        }
    }

    static Reply handle(Operation op, ApiRequest request, OperationDispatch dispatch, InstantSource clock) {
        Caller caller = request.attribute(Caller.ATTRIBUTE).map(Caller.class::cast).orElseThrow(
                () -> new ApiError(ErrorCode.UNAUTHORIZED, "the request is not authenticated"));
        Object result = dispatch.call(op, body(op, request), caller, rehearsal(request), request);
        Object encoded = JsonCodec.encode(result, op.result());
        return result instanceof Refusal refusal ? refused(refusal, encoded, clock.instant()) : Reply.ok(encoded);
    }

    /** {@code {"error":{"code","message","hint"},"result":{…}}} with the refusal's status (409). */
    static Reply refused(Refusal refusal, Object encoded, Instant now) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", refusal.code().code());
        error.put("message", RefusalText.message(refusal, now));
        error.put("hint", RefusalText.hint(refusal));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("result", encoded);
        return new Reply(refusal.code().httpStatus(), body, Map.of());
    }

    private static Map<String, Object> body(Operation op, ApiRequest request) {
        try {
            if (op.verb() == Operation.Verb.GET) {
                return QueryForm.body(op, request.queryParameters());
            }
            String text = new String(request.body(), StandardCharsets.UTF_8);
            return text.isBlank() ? new LinkedHashMap<>() : new LinkedHashMap<>(MiniJson.readObject(text));
        } catch (IllegalArgumentException e) {
            throw new ApiError(ErrorCode.BAD_INPUT, "bad request for " + op.name() + ": " + e.getMessage());
        }
    }

    /**
     * Whether the request is a rehearsal ({@code --dry-run}): the use case runs as locally, its
     * transaction rolled back, so the answer is what the call would do. Not audited: nothing happens.
     */
    private static boolean rehearsal(ApiRequest request) {
        Optional<String> value = request.header(Operations.DRY_RUN_HEADER);
        if (value.isEmpty()) {
            return false;
        }
        if (!value.get().strip().equalsIgnoreCase("true")) {
            throw new ApiError(ErrorCode.BAD_INPUT, Operations.DRY_RUN_HEADER + " '" + value.get()
                    + "' is not 'true': send it as 'true' to rehearse the call, or leave it out");
        }
        return true;
    }
}
