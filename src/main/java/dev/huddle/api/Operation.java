package dev.huddle.api;

import dev.huddle.app.Coordinator;
import dev.huddle.app.Refusal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One use case as the API offers it: a method of a family interface, reached at {@code verb path}
 * under {@code /api/v1}. The request is a JSON object whose fields are the method's parameters, by
 * name; the result is the method's return value. A streamed operation's last parameter is a sink
 * ({@code Predicate<T>}): it answers with a stream of {@code T}, not with the return value.
 *
 * @param name         the use case's name, unique (the OpenAPI operationId)
 * @param family       the family interface that declares the method
 * @param accessor     the {@link Coordinator} method that returns the family
 * @param method       the family method
 * @param verb         GET when the fields fit a query string and it is read-only or a stream, else POST
 * @param path         the path under {@code /api/v1}
 * @param readOnly     changes nothing in the store (delivery marks included)
 * @param operatorOnly refused to agent tokens (403)
 * @param callerFields the request fields, as dotted paths ({@code caller}, {@code request.caller}),
 *                     that name the acting agent, and {@link #OPERATOR_FIELD}: the server binds them
 *                     from the token, never from the body
 */
public record Operation(String name, Class<?> family, String accessor, Method method, Verb verb, String path,
        boolean readOnly, boolean operatorOnly, List<String> callerFields) {

    public enum Verb { GET, POST }

    /** A boolean parameter of this name is the credential's operator flag, bound from the token like the caller. */
    public static final String OPERATOR_FIELD = "operator";

    /** One request field: a parameter of the family method, in order. */
    public record Field(String name, Type type) {}

    public Operation {
        callerFields = List.copyOf(callerFields);
    }

    /** The full path, {@code /api/v1} included. */
    public String fullPath() {
        return Operations.PREFIX + path;
    }

    /** Whether the operation answers with a stream of {@link #streamed} elements (server-sent events). */
    public boolean isStream() {
        Class<?>[] types = method.getParameterTypes();
        return types.length > 0 && types[types.length - 1] == Predicate.class;
    }

    /** The element type of a streamed operation. */
    public Optional<Type> streamed() {
        if (!isStream()) {
            return Optional.empty();
        }
        Type[] types = method.getGenericParameterTypes();
        return Optional.of(((ParameterizedType) types[types.length - 1]).getActualTypeArguments()[0]);
    }

    /** The request's fields: the method's parameters (a stream's sink left out). */
    public List<Field> fields() {
        var parameters = method.getParameters();
        int count = isStream() ? parameters.length - 1 : parameters.length;
        List<Field> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            if (!parameters[k].isNamePresent()) {
                throw new IllegalStateException(method + " was compiled without -parameters");
            }
            out.add(new Field(parameters[k].getName(), parameters[k].getParameterizedType()));
        }
        return out;
    }

    /** The result type: the return type, or for a stream the element type. */
    public Type result() {
        return streamed().orElse(method.getGenericReturnType());
    }

    /**
     * Whether the operation may answer with a refusal (HTTP 409 with the refused result): its result
     * is a {@link Refusal}, or a sealed type with a variant that is. Declared on the outcome records,
     * never listed here.
     */
    public boolean refuses() {
        if (isStream() || !(result() instanceof Class<?> type)) {
            return false;
        }
        if (Refusal.class.isAssignableFrom(type)) {
            return true;
        }
        for (Class<?> variant : type.isSealed() ? type.getPermittedSubclasses() : new Class<?>[0]) {
            if (Refusal.class.isAssignableFrom(variant)) {
                return true;
            }
        }
        return false;
    }

    /** The family this operation belongs to, from {@code coordinator}. */
    public Object familyOf(Coordinator coordinator) {
        try {
            return Coordinator.class.getMethod(accessor).invoke(coordinator);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Coordinator." + accessor + "()", e);
        }
    }

    /**
     * Calls the use case on {@code coordinator} with decoded arguments (a stream's sink last).
     * What the use case throws is rethrown unchanged.
     */
    public Object invoke(Coordinator coordinator, Object... args) {
        try {
            return method.invoke(familyOf(coordinator), args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
