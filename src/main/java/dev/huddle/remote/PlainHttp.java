package dev.huddle.remote;

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
 * One HTTP/1.1 POST over a plain socket, for the hook's cold path to an {@code http://} server: the
 * JDK's {@code HttpURLConnection} loads some 60 classes of its own (protocol handlers, proxy and
 * cookie machinery) that are not in the AOT cache, where a socket needs a handful. One request per
 * connection ({@code Connection: close}), the body read to its {@code Content-Length}, chunked, or to
 * the end of the stream. {@code https://} goes through {@link Transport}. Measured: 16 ms less CPU
 * per hook call than {@code HttpURLConnection} (docs/decisions.md, "Command hooks through the server").
 */
final class PlainHttp {

    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private PlainHttp() {}

    static Transport.Answer post(URI url, String token, String path, byte[] body, Map<String, String> headers)
            throws IOException {
        int port = url.getPort() != -1 ? url.getPort() : 80;
        String host = url.getHost(); // an IPv6 literal keeps its brackets here, as the Host header wants it
        String address = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
            StringBuilder head = new StringBuilder();
            head.append("POST ").append(path).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(host).append(':').append(port).append("\r\n");
            head.append("Connection: close\r\n");
            head.append("Accept: application/json\r\n");
            head.append("Content-Type: application/json\r\n");
            head.append("Content-Length: ").append(body.length).append("\r\n");
            if (!token.isEmpty()) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Transport.Answer read(InputStream raw) throws IOException {
        InputStream in = new java.io.BufferedInputStream(raw);
        String status = line(in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
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
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";", 2)[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";", 2)[0].trim(), 16)) {
                all.write(in.readNBytes(size));
                line(in);
            }
            body = all.toByteArray();
        } else {
            body = length >= 0 ? in.readNBytes((int) length) : in.readAllBytes();
        }
        return new Transport.Answer(code, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                s.append((char) c);
            }
        }
        return s.toString();
    }
}
