package dev.huddle.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.huddle.app.lease.LockOutcome;
import dev.huddle.app.lease.LockRequest;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.lease.LeaseMode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the remote client reads a 409 (a real socket, a stub server): with a {@code result}, it is
 * the refused outcome, returned as the local Coordinator returns it; without one (a use case
 * threw DENIED), it is that exception; a 409 that is not JSON is named by its status.
 */
class RemoteRefusalTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private RemoteCoordinator answering(int status, String body) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return new RemoteCoordinator(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "t");
    }

    private static LockOutcome lock(RemoteCoordinator remote) {
        return remote.leases().lock(new LockRequest(AgentId.of("bob"), List.of("a"), LeaseMode.EXCLUSIVE, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void a409WithAResult_isTheRefusedOutcome() throws Exception {
        RemoteCoordinator remote = answering(409, """
                {"error":{"code":"denied","message":"denied; nothing was locked","hint":"wait"},
                 "result":{"type":"Denied","conflicts":[],"queuedAhead":[],"timedOut":true}}""");
        assertThat(lock(remote)).isEqualTo(new LockOutcome.Denied(List.of(), List.of(), true));
    }

    @Test
    void a409WithoutAResult_isTheDeniedFailure() throws Exception {
        RemoteCoordinator remote = answering(409, "{\"error\":{\"code\":\"denied\",\"message\":\"src/a.py is held by alice\"}}");
        assertThatThrownBy(() -> lock(remote)).isInstanceOfSatisfying(HuddleException.class, e -> {
            assertThat(e.kind()).isEqualTo(HuddleException.Kind.DENIED);
            assertThat(e.getMessage()).isEqualTo("src/a.py is held by alice");
        });
    }

    @Test
    void a409ThatIsNotJson_isNotTakenForAnOutcome() throws Exception {
        RemoteCoordinator remote = answering(409, "<html>conflict</html>");
        assertThatThrownBy(() -> lock(remote)).isInstanceOf(HuddleException.class)
                .hasMessageContaining("HTTP 409");
    }
}
