package dev.huddle.app.lease;

import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;

/**
 * The Coordinator contract over the remote implementation: every test of {@link LeaseServiceTest}, unchanged,
 * through a RemoteCoordinator and a real API server on a loopback socket over the same SQLite store.
 */
class LeaseServiceThroughServerTest extends LeaseServiceTest {

    @Override
    TestHuddle fixture(Path dir) {
        return TestHuddle.throughServer(dir);
    }
}
