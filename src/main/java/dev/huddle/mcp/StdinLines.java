package dev.huddle.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The client's stdin as the SDK's stdio transport reads it, one JSON-RPC message a line, with two
 * guards: a line that is not a JSON-RPC message is dropped with one line on stderr (the SDK's reader
 * would stop reading for good, leaving the session deaf), and the end of input (or a read error)
 * is signalled, so {@code huddle mcp} exits when the client closes its end. It can also read the
 * first message ahead ({@link #first()}), which picks the protocol revision, and, for the
 * stateless revision, hold the end of input back until what was asked is answered
 * ({@link #answering}).
 */
final class StdinLines extends InputStream {

    private final InputStream in;
    private final ObjectMapper json;
    private final PrintStream log;
    private final CountDownLatch closed;
    private byte[] line = new byte[0];
    private int pos;
    private final InFlight inFlight;

    StdinLines(InputStream in, ObjectMapper json, PrintStream log, CountDownLatch closed) {
        this.in = new java.io.BufferedInputStream(in);
        this.json = json;
        this.log = log;
        this.closed = closed;
        this.inFlight = new InFlight(json);
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return line[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, line.length - pos);
        System.arraycopy(line, pos, b, off, n);
        pos += n;
        return n;
    }

    /** The first message, read ahead: the transport still reads it. Null if the input ends first. */
    JsonNode first() throws IOException {
        return fill() ? json.readTree(java.util.Arrays.copyOfRange(line, pos, line.length)) : null;
    }

    /**
     * {@code out}, counting the answers written to it; from now on the end of input waits (at most
     * 10 s) until every request read has one ({@link InFlight}).
     */
    OutputStream answering(OutputStream out) {
        return inFlight.counting(out);
    }

    /** Whether bytes of a well-formed line are ready; reads lines until one is, or the input ends. */
    private boolean fill() throws IOException {
        while (pos >= line.length) {
            byte[] next = nextLine();
            if (next == null) {
                inFlight.awaitAnswers();
                closed.countDown();
                return false;
            }
            if (wellFormed(next)) {
                line = next;
                pos = 0;
            }
        }
        return true;
    }

    private byte[] nextLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try {
            for (int c; (c = in.read()) != -1; ) {
                bytes.write(c);
                if (c == '\n') {
                    return bytes.toByteArray();
                }
            }
        } catch (IOException e) {
            closed.countDown();
            throw e;
        }
        return bytes.size() == 0 ? null : bytes.toByteArray();
    }

    private boolean wellFormed(byte[] bytes) {
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return false;
        }
        try {
            JsonNode node = json.readTree(bytes);
            // The shapes the SDK's reader decodes; anything else would stop it as a parse error does.
            if (node != null && node.isObject() && "2.0".equals(node.path("jsonrpc").asText())
                    && (node.path("method").isTextual() || node.has("id") && (node.has("result") || node.has("error")))) {
                inFlight.read(node);
                return true;
            }
        } catch (IOException malformed) {
            // reported below
        }
        log.println("huddle mcp: ignored a line that is not a JSON-RPC message (" + Math.min(bytes.length, 80) + "+ bytes)");
        return false;
    }
}
