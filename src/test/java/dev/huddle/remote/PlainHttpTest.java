package dev.huddle.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hook's plain-socket POST against a real socket speaking HTTP/1.1: the request as sent
 * (request line, Host, bearer, extra headers, body by Content-Length), and the answer read with a
 * Content-Length, chunked, or to the end of the stream. A refused connection is the JDK's
 * ConnectException, which HookClient turns into the "cannot reach" line.
 */
class PlainHttpTest {

    /** Serves one connection with {@code answer}; completes with the request bytes it read. */
    static CompletableFuture<String> serveOnce(ServerSocket server, String answer) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                // headers, then the body announced by Content-Length
                while (!seen.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) {
                    seen.write(in.read());
                }
                String head = seen.toString(StandardCharsets.UTF_8);
                int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                seen.write(in.readNBytes(length));
                OutputStream out = s.getOutputStream();
                out.write(answer.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return seen.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void postsTheRequest_andReadsContentLengthChunkedAndToTheEnd() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            URI url = URI.create("http://127.0.0.1:" + server.getLocalPort());
            CompletableFuture<String> request = serveOnce(server,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{\"a\":\"é\"}");
            Transport.Answer sized = PlainHttp.post(url, "tok", "/api/v1/hooks/codex/pre-tool-use",
                    "{\"x\":1}".getBytes(StandardCharsets.UTF_8), Map.of("Huddle-Hook-Form", "command"));
            assertThat(sized.status()).isEqualTo(200);
            assertThat(sized.body()).isEqualTo("{\"a\":\"é\"}");
            assertThat(request.get(10, TimeUnit.SECONDS)).startsWith("POST /api/v1/hooks/codex/pre-tool-use HTTP/1.1\r\n")
                    .contains("\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n")
                    .contains("\r\nAuthorization: Bearer tok\r\n").contains("\r\nHuddle-Hook-Form: command\r\n")
                    .contains("\r\nConnection: close\r\n").endsWith("\r\n\r\n{\"x\":1}");

            serveOnce(server, "HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"e\"\r\n3\r\n:1}\r\n0\r\n\r\n");
            Transport.Answer chunked = PlainHttp.post(url, "", "/p", new byte[0], Map.of());
            assertThat(chunked.status()).isEqualTo(401);
            assertThat(chunked.body()).isEqualTo("{\"e\":1}");

            serveOnce(server, "HTTP/1.1 503 Service Unavailable\r\n\r\nbusy");
            Transport.Answer toTheEnd = PlainHttp.post(url, "", "/p", new byte[0], Map.of());
            assertThat(toTheEnd.status()).isEqualTo(503);
            assertThat(toTheEnd.body()).isEqualTo("busy");
        }
    }

    @Test
    void nothingListening_isAConnectException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlainHttp.post(url, "", "/p", new byte[0], Map.of()))
                .isInstanceOf(java.net.ConnectException.class);
    }
}
