package dev.huddle.server;

import dev.huddle.api.HookPaths;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Refuses request bodies over the limit with 413 (DESIGN §8): at once when the declared
 * {@code Content-Length} is over it, else (chunked bodies) as soon as reading passes it. Every
 * servlet behind it (the API, and the MCP transport later) reads through the bounded stream.
 */
final class BodyLimitFilter extends HttpFilter {

    /** Reading went past the limit. An {@link IOException}, so servlets that read streams see a read failure. */
    static final class TooLarge extends IOException {
        private final long limit;

        TooLarge(long limit) {
            super("request body over the limit of " + limit + " bytes");
            this.limit = limit;
        }

        long limit() {
            return limit;
        }
    }

    private final long limit;
    private final transient ErrorWriter errors;

    BodyLimitFilter(long limit, ErrorWriter errors) {
        this.limit = limit;
        this.errors = errors;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // A hook's payload carries the file a Write creates: the hook endpoints take what the command hook
        // reads on stdin, else a large Write would be refused through the server and allowed on the file.
        long limit = request.getRequestURI().startsWith(HookPaths.PREFIX)
                ? Math.max(this.limit, HookPaths.MAX_PAYLOAD_BYTES) : this.limit;
        if (request.getContentLengthLong() > limit) {
            // The body stays unread: the connection is closed rather than drained.
            response.setHeader("Connection", "close");
            errors.write(response, ApiError.tooLarge(limit));
            return;
        }
        try {
            chain.doFilter(new Bounded(request, limit), response);
        } catch (TooLarge e) {
            response.setHeader("Connection", "close");
            errors.write(response, ApiError.tooLarge(limit));
        }
    }

    private static final class Bounded extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public synchronized ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > limit) {
                throw new TooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
