package dev.huddle.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The end of a stateless stdio client's input waits for the answers still owed, and only for those. */
class InFlightTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static void read(InFlight inFlight, String message) throws Exception {
        inFlight.read(JSON.readTree(message));
    }

    static void write(OutputStream out, String message) throws Exception {
        out.write((message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void awaitAnswers_returnsOnceTheAnswerIsWritten() throws Exception {
        InFlight inFlight = new InFlight(JSON);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = inFlight.counting(bytes);
        read(inFlight, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}");
        read(inFlight, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}");

        Thread waiter = Thread.ofVirtual().start(inFlight::awaitAnswers);
        write(out, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}");
        write(out, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");

        assertThat(waiter.join(Duration.ofMillis(InFlight.MAX_WAIT_MS / 2))).as("returned before the time limit").isTrue();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("\"id\":1,\"result\":{}}\n");
    }

    @Test
    void awaitAnswers_whenTheRequestWasCancelledOrNothingCounts_returnsAtOnce() throws Exception {
        InFlight cancelled = new InFlight(JSON);
        cancelled.counting(new ByteArrayOutputStream());
        read(cancelled, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}");
        read(cancelled, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}");
        InFlight notCounting = new InFlight(JSON);
        read(notCounting, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}");

        long start = System.nanoTime();
        cancelled.awaitAnswers();
        notCounting.awaitAnswers();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(InFlight.MAX_WAIT_MS / 2));
    }
}
