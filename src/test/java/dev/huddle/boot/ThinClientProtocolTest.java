package dev.huddle.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.json.MiniJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's thin client (bin/lib/thin.sh) against a scripted HTTP peer on a real loopback
 * socket: the request it writes (Content-Length in bytes, the line as JSON, standard input after
 * it), how it splits an answer into stdout, stderr and exit code, that anything but a ran line
 * hands over to the JVM client (the function returns), and that a connection lost after the line
 * was sent is reported, except for a hook, which must never fail open.
 */
class ThinClientProtocolTest {

    private static final Path THIN = Path.of(System.getProperty("huddle.root", "."), "bin", "lib", "thin.sh").toAbsolutePath();

    @TempDir
    Path dir;
    private ServerSocket peer;
    private CompletableFuture<byte[]> received;

    @BeforeEach
    void listen() throws IOException {
        peer = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        peer.close();
    }

    /** Answers the next connection with {@code answer} (null: closes it without a word) once the request is read. */
    private void answerWith(String answer) {
        received = CompletableFuture.supplyAsync(() -> {
            try (Socket s = peer.accept()) {
                byte[] request = readRequest(s.getInputStream());
                if (answer != null) {
                    s.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                }
                return request;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
    }

    private static byte[] readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        head.write(in.readNBytes(length));
        return head.toByteArray();
    }

    record Run(int exit, String stdout, String stderr) {}

    /** {@code huddle_thin COMMAND ARGS} in bash; "returned: WHY" on stdout when it handed over to the JVM client. */
    private Run thin(byte[] stdin, String command, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("bash", "-c",
                "source \"$0\"; huddle_thin \"$@\"; printf 'returned: %s' \"$_huddle_thin_why\"", THIN.toString(), command));
        argv.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(argv).directory(dir.toFile());
        b.environment().keySet().removeIf(k -> k.startsWith("HUDDLE_"));
        b.environment().put("HUDDLE_URL", "http://127.0.0.1:" + peer.getLocalPort());
        b.environment().put("HUDDLE_TOKEN", "secret-token");
        Process p = b.start();
        p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, new String(err.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    @Test
    void theRequest_isTheLineAsJson_withItsLengthInBytes_andStandardInputAfterIt() throws Exception {
        answerWith("HTTP/1.1 200 OK\r\nHuddle-Exit: 0\r\nHuddle-Stdout-Bytes: 0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        Run run = thin("ünïcode body\n\n".getBytes(StandardCharsets.UTF_8), "send", "send", "bob", "-", "--subject", "a \"q\" \\ é");
        assertThat(run.exit()).as(run.toString()).isZero();
        byte[] request = received.get(30, TimeUnit.SECONDS);
        String text = new String(request, StandardCharsets.UTF_8);
        assertThat(text).startsWith("POST /api/v1/run HTTP/1.1\r\n").contains("\r\nAuthorization: Bearer secret-token\r\n");
        // The head is ASCII: its length in characters is its length in bytes.
        byte[] body = java.util.Arrays.copyOfRange(request, text.indexOf("\r\n\r\n") + 4, request.length);
        byte[] stdin = "ünïcode body\n\n".getBytes(StandardCharsets.UTF_8);
        assertThat(text).contains("\r\nHuddle-Stdin-Bytes: " + stdin.length + "\r\n");
        String line = new String(body, 0, body.length - stdin.length, StandardCharsets.UTF_8);
        assertThat(new String(body, body.length - stdin.length, stdin.length, StandardCharsets.UTF_8)).isEqualTo("ünïcode body\n\n");
        Map<String, Object> json = MiniJson.readObject(line);
        assertThat(json.get("argv")).isEqualTo(List.of("send", "bob", "-", "--subject", "a \"q\" \\ é"));
        assertThat(json.get("cwd")).isEqualTo(dir.toRealPath().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) json.get("env");
        assertThat(env).containsEntry("HUDDLE_URL", "http://127.0.0.1:" + peer.getLocalPort()).doesNotContainKey("HUDDLE_TOKEN");
    }

    @Test
    void anAnswer_isSplitIntoStdoutAndStderr_andItsExitCode() throws Exception {
        answerWith("HTTP/1.1 200 OK\r\nhuddle-exit: 3\r\nHuddle-Stdout-Bytes: 9\r\nContent-Length: 22\r\n\r\nout ü\nxx" + "huddle: err line\n"
                .substring(0, 13));
        Run both = thin(new byte[0], "lock", "lock", "src/a.py");
        assertThat(both).isEqualTo(new Run(3, "out ü\nxx", "huddle: err l"));
        answerWith("HTTP/1.1 200 OK\r\nHuddle-Exit: 2\r\nHuddle-Stdout-Bytes: 0\r\nContent-Length: 6\r\n\r\nonly\r\n");
        assertThat(thin(new byte[0], "check", "check", "x")).isEqualTo(new Run(2, "", "only\r\n"));
        answerWith("HTTP/1.1 200 OK\r\nHuddle-Exit: 0\r\nHuddle-Stdout-Bytes: 5\r\nContent-Length: 5\r\n\r\nquiet");
        assertThat(thin(new byte[0], "status", "status")).isEqualTo(new Run(0, "quiet", ""));
    }

    @Test
    void anythingButARanLine_handsOverToTheJvmClient() throws Exception {
        answerWith("HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(thin(new byte[0], "init", "init")).isEqualTo(new Run(0, "returned: the server answered HTTP 400", ""));
        answerWith("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(thin(new byte[0], "status", "status").stdout()).isEqualTo("returned: the server answered HTTP 200");
        peer.close();
        assertThat(thin(new byte[0], "status", "status").stdout()).startsWith("returned: cannot connect to 127.0.0.1:");
    }

    @Test
    void aConnectionLostAfterTheLine_isReported_butAHookHandsOver() throws Exception {
        answerWith(null);
        Run lost = thin(new byte[0], "lock", "lock", "src/a.py");
        assertThat(lost.exit()).isEqualTo(1);
        assertThat(lost.stdout()).isEmpty();
        assertThat(lost.stderr()).isEqualTo("huddle: cannot reach huddle server at http://127.0.0.1:" + peer.getLocalPort()
                + " (the connection closed before an answer; the command may have run); start it with `huddle serve` or "
                + "unset HUDDLE_URL\n");
        answerWith(null);
        Run hook = thin("{}".getBytes(StandardCharsets.UTF_8), "hook", "hook", "codex", "PreToolUse");
        assertThat(hook).isEqualTo(new Run(0, "returned: the connection closed before an answer", ""));
    }
}
