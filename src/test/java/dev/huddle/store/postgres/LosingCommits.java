package dev.huddle.store.postgres;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * Connections whose COMMIT answer is lost, the case a store cannot tell from the failure alone:
 * either the commit ran and only its reply vanished ({@link #afterCommit}), or the session died
 * instead ({@link #insteadOfCommit}). Either way the caller sees the same connection error (08006).
 * Only the first connection loses its answer (the one the store opens to settle is sound), or
 * every one does ({@link #insteadOfEveryCommit}: settlements only read, so they are not hit).
 */
final class LosingCommits {

    private LosingCommits() {}

    static PostgresConnector.Source afterCommit(PostgresConnector.Source real) {
        return losing(real, true, false);
    }

    static PostgresConnector.Source insteadOfCommit(PostgresConnector.Source real) {
        return losing(real, false, false);
    }

    static PostgresConnector.Source insteadOfEveryCommit(PostgresConnector.Source real) {
        return losing(real, false, true);
    }

    private static PostgresConnector.Source losing(PostgresConnector.Source real, boolean commitFirst, boolean every) {
        boolean[] used = {false};
        return () -> {
            Connection c = real.open();
            if (used[0] && !every) {
                return c;
            }
            used[0] = true;
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        Object result = invoke(c, method, args);
                        return result instanceof PreparedStatement ps && ((String) args[0]).endsWith("COMMIT")
                                ? losing(c, ps, commitFirst) : result;
                    });
        };
    }

    /** The message that ends with the transaction's COMMIT: its answer never arrives. */
    private static PreparedStatement losing(Connection c, PreparedStatement real, boolean commitFirst) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("execute") && (args == null || args.length == 0)) {
                if (commitFirst) {
                    real.execute();
                } else {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_terminate_backend(pg_backend_pid())");
                    } catch (SQLException ignore) {
                        // The session ends itself: this failure is the point.
                    }
                }
                c.close();
                throw new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE);
            }
            return invoke(real, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
