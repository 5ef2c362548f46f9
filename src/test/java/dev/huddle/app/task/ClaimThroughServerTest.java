package dev.huddle.app.task;

import dev.huddle.testing.TestHuddle;
import java.nio.file.Path;

/**
 * The Coordinator contract over the remote implementation: every test of {@link ClaimTest}, unchanged,
 * through a RemoteCoordinator and a real API server on a loopback socket over the same SQLite store.
 */
class ClaimThroughServerTest extends ClaimTest {

    @Override
    TestHuddle fixture(Path dir) {
        return TestHuddle.throughServer(dir, SETTINGS);
    }
}
