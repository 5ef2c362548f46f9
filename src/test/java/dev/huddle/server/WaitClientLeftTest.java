package dev.huddle.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-poll wait whose client leaves ends at once on the server: the waiter leaves the line
 * (recorded as interrupted) instead of keeping its place for the rest of its ten minutes, and the
 * lock is not granted to a client that is gone when the holder releases it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WaitClientLeftTest {

    static final String LOCK = "/api/v1/leases/lock";

    @Test
    void aLockWaitWhoseClientCloses_leavesTheLine_andIsNeverGranted(@TempDir Path root) throws Exception {
        try (ApiServer s = new ApiServer(root)) {
            String alice = s.agentToken("alice");
            String bob = s.agentToken("bob");
            assertThat(s.post(alice, LOCK, "{\"request\":{\"resources\":[\"src/a.py\"],\"mode\":\"EXCLUSIVE\"}}").body())
                    .contains("\"type\":\"Granted\"");
            String wait = "{\"request\":{\"resources\":[\"src/a.py\"],\"mode\":\"EXCLUSIVE\",\"waitFor\":\"PT10M\"}}";
            URI url = s.uri(LOCK);
            try (Socket client = new Socket(url.getHost(), url.getPort())) {
                byte[] body = wait.getBytes(StandardCharsets.UTF_8);
                OutputStream out = client.getOutputStream();
                out.write(("POST " + LOCK + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                        + "\r\nAuthorization: Bearer " + bob + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                awaitEvent(s, "lease.wait");
            }
            Event gaveUp = awaitEvent(s, "lease.give_up");
            assertThat(gaveUp.agent()).hasValueSatisfying(a -> assertThat(a.value()).isEqualTo("bob"));
            assertThat(String.valueOf(gaveUp.data())).contains("interrupted");
            assertThat(s.post(alice, "/api/v1/leases/unlock", "{\"request\":{\"resources\":[\"src/a.py\"],\"force\":false}}")
                    .body()).contains("\"type\":\"Done\"");
            assertThat(s.local.leases().locks(false, Optional.empty())).isEmpty();
            // The server goes on serving: the watchdog's interrupt stayed with the wait.
            assertThat(s.post(bob, LOCK, "{\"request\":{\"resources\":[\"src/a.py\"],\"mode\":\"EXCLUSIVE\"}}").body())
                    .contains("\"type\":\"Granted\"");
        }
    }

    /** The first event of {@code kind}, waiting for it (bounded by the test's timeout). */
    private static Event awaitEvent(ApiServer s, String kind) throws InterruptedException {
        while (true) {
            List<Event> events = s.local.events().log(EventFilter.after(0, 1000));
            Optional<Event> found = events.stream().filter(e -> e.kind().equals(kind)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
    }
}
