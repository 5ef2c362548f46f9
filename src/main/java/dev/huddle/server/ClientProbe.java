package dev.huddle.server;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;

/**
 * Whether the client of a long response has closed its side. A stream learns it otherwise only
 * when a write fails, and the first write after the client left still succeeds (into the socket's
 * buffer): a message written then would be recorded delivered to nobody. So before each write the
 * stream looks for the end of the client's input: a stream's client sends nothing after its
 * request, so a non-blocking read that finds the end means it left.
 */
final class ClientProbe {

    /** The request attribute holding the probe of the request's own client ({@link java.util.function.BooleanSupplier}). */
    static final String ATTRIBUTE = "dev.huddle.server.clientGone";

    private ClientProbe() {}

    /** True once the client is known gone; never true for a connection it cannot look at. */
    static BooleanSupplier of(HttpServletRequest request) {
        ServletContextRequest core = ServletContextRequest.getServletContextRequest(request);
        if (core == null) {
            return () -> false;
        }
        EndPoint endPoint = core.getConnectionMetaData().getConnection().getEndPoint();
        ByteBuffer buffer = BufferUtil.allocate(64);
        return () -> {
            if (!endPoint.isOpen()) {
                return true;
            }
            try {
                BufferUtil.clear(buffer);
                return endPoint.fill(buffer) < 0;
            } catch (IOException e) {
                return true;
            }
        };
    }
}
