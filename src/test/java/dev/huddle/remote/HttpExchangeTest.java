package dev.huddle.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The remote CLI's HTTP exchange against a real socket that answers with canned HTTP/1.1 answers. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpExchangeTest {

    @Test
    void post_sendsTheRequestWithCredentialAndBody_andReadsALengthFramedAnswer() throws Exception {
        try (ServerSocket server = listen()) {
            CompletableFuture<String> request = answerOnce(server,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}");
            Transport.Answer answer = HttpExchange.send(base(server), "POST", "/api/v1/leases/lock", "tok",
                    "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8), Map.of("X-Huddle-Program", "codex"), 5_000);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"ok\":true}");
            String sent = request.get(10, TimeUnit.SECONDS);
            assertThat(sent).startsWith("POST /api/v1/leases/lock HTTP/1.1\r\n")
                    .contains("\r\nAuthorization: Bearer tok\r\n", "\r\nConnection: close\r\n",
                            "\r\nContent-Length: 10\r\n", "\r\nContent-Type: application/json\r\n",
                            "\r\nX-Huddle-Program: codex\r\n")
                    .endsWith("\r\n\r\n{\"a\":\"é\"}");
        }
    }

    @Test
    void get_withoutCredential_sendsNoAuthorization_andReadsAChunkedAnswer() throws Exception {
        try (ServerSocket server = listen()) {
            CompletableFuture<String> request = answerOnce(server,
                    "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\n{\"err\r\n4\r\nor\":\r\n2\r\n1}\r\n0\r\n\r\n");
            Transport.Answer answer = HttpExchange.send(base(server), "GET", "/api/v1/leases/check?paths=a%20b", "", null, Map.of(), 5_000);
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo("{\"error\":1}");
            assertThat(request.get(10, TimeUnit.SECONDS)).startsWith("GET /api/v1/leases/check?paths=a%20b HTTP/1.1\r\n")
                    .doesNotContain("Authorization").doesNotContain("Content-Length");
        }
    }

    @Test
    void anAnswerWithoutLength_endsWithTheConnection() throws Exception {
        try (ServerSocket server = listen()) {
            answerOnce(server, "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\r\n{\"error\":{}}");
            Transport.Answer answer = HttpExchange.send(base(server), "GET", "/x", "t", null, Map.of(), 5_000);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body()).isEqualTo("{\"error\":{}}");
        }
    }

    @Test
    void aTruncatedBody_orNotHttp_isAnIoFailure() throws Exception {
        try (ServerSocket server = listen()) {
            answerOnce(server, "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{\"short\"");
            assertThatThrownBy(() -> HttpExchange.send(base(server), "GET", "/x", "t", null, Map.of(), 5_000))
                    .isInstanceOf(IOException.class).hasMessageContaining("ended inside its body");
        }
        try (ServerSocket server = listen()) {
            answerOnce(server, "SSH-2.0-OpenSSH\r\n");
            assertThatThrownBy(() -> HttpExchange.send(base(server), "GET", "/x", "t", null, Map.of(), 5_000))
                    .isInstanceOf(IOException.class).hasMessageContaining("not an HTTP answer");
        }
    }

    @Test
    void nobodyListening_isConnectionRefused() throws Exception {
        URI gone;
        try (ServerSocket server = listen()) {
            gone = base(server);
        }
        assertThatThrownBy(() -> HttpExchange.send(gone, "GET", "/x", "t", null, Map.of(), 5_000)).isInstanceOf(ConnectException.class);
    }

    @Test
    void aServerUrlWithAPath_prefixesEveryRequest_asBehindAReverseProxy() throws Exception {
        for (String suffix : List.of("/huddle", "/huddle/")) {
            try (ServerSocket server = listen()) {
                URI url = URI.create("http://127.0.0.1:" + server.getLocalPort() + suffix);
                CompletableFuture<String> get = answerOnce(server, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
                new Transport(url, "t").get("/api/v1/leases/check", List.of(Map.entry("paths", "a b")));
                assertThat(get.get(10, TimeUnit.SECONDS)).startsWith("GET /huddle/api/v1/leases/check?paths=a+b HTTP/1.1\r\n");
                CompletableFuture<String> post = answerOnce(server, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
                new Transport(url, "t").rehearsing().post("/api/v1/leases/lock", "{}");
                assertThat(post.get(10, TimeUnit.SECONDS)).startsWith("POST /huddle/api/v1/leases/lock HTTP/1.1\r\n")
                        .contains("\r\nHuddle-Dry-Run: true\r\n");
            }
        }
    }

    private static ServerSocket listen() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private static URI base(ServerSocket server) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
    }

    /** Accepts one connection, reads the request (head and the body its Content-Length names), answers, closes. */
    private static CompletableFuture<String> answerOnce(ServerSocket server, String answer) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                while (!got.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    got.write(b);
                }
                String head = got.toString(StandardCharsets.ISO_8859_1);
                int at = head.indexOf("Content-Length: ");
                if (at >= 0) {
                    int length = Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at)));
                    got.write(in.readNBytes(length));
                }
                s.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                return got.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
