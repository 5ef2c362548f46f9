package dev.huddle.remote;

/**
 * What a generated family implementation ({@link FamilySources}) calls for each of its methods:
 * one use case, named by its family and method, with the caller's arguments in declaration order.
 */
@FunctionalInterface
public interface RemoteCall {

    Object call(Class<?> family, String method, Object[] args);
}
