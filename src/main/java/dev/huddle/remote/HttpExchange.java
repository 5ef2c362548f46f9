package dev.huddle.remote;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request on a fresh socket, {@code Connection: close}, and its answer: what a cold CLI
 * process needs and no more (no proxy selector, cookie or auth caches, keep-alive thread or
 * logger, which {@link java.net.HttpURLConnection} sets up on first use). Reads a body framed by
 * {@code Content-Length}, by chunks, or by the end of the connection.
 */
final class HttpExchange {

    private HttpExchange() {}

    /** The status and body; {@code body} null for none; {@code headers} are added as given. */
    static Transport.Answer send(URI base, String method, String pathAndQuery, String token, byte[] body,
                                 Map<String, String> headers, int connectTimeoutMs) throws IOException {
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() != -1 ? base.getPort() : tls ? 443 : 80;
        try (Socket plain = new Socket()) {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(base.getHost(), port), connectTimeoutMs);
            // TLS (a reverse proxy in front of the server) only when the URL says https: its classes load only then.
            Socket socket = tls ? tls(plain, base.getHost(), port) : plain;
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(pathAndQuery)
                    .append(" HTTP/1.1\r\nHost: ").append(base.getHost()).append(':').append(port)
                    .append("\r\nAccept: application/json\r\nConnection: close\r\n");
            if (!token.isEmpty()) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static Socket tls(Socket plain, String host, int port) throws IOException {
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) ((javax.net.ssl.SSLSocketFactory)
                javax.net.ssl.SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
        javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static Transport.Answer read(InputStream in) throws IOException {
        String status = line(in);
        if (status == null || !status.startsWith("HTTP/1.") || status.length() < 12) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code;
        try {
            code = Integer.parseInt(status.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status line: " + status);
        }
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        byte[] bytes;
        if (chunked) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                content.write(exactly(in, size));
                line(in);
            }
            bytes = content.toByteArray();
        } else if (length >= 0) {
            bytes = exactly(in, (int) length);
        } else {
            bytes = in.readAllBytes();
        }
        return new Transport.Answer(code, new String(bytes, StandardCharsets.UTF_8));
    }

    private static int chunkSize(InputStream in) throws IOException {
        String line = line(in);
        if (line == null) {
            throw new IOException("the answer ended inside its body");
        }
        int semicolon = line.indexOf(';');
        return Integer.parseInt((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
    }

    private static byte[] exactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new IOException("the answer ended inside its body");
        }
        return bytes;
    }

    /** One header line without its CRLF, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                int len = b.length();
                return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
            }
            b.append((char) c);
        }
        return b.isEmpty() ? null : b.toString();
    }
}
