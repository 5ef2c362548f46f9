package dev.huddle.store;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every {@link Store} adapter must show (style rule 22), run against records of
 * dev.huddle.core. An adapter's test extends this class and implements {@link #newStore}; the
 * cases live in one class per table family, each run here as a nested group.
 */
public abstract class StoreContract {

    /**
     * A new store whose data lives under {@code dir} (an empty directory the first time); opening
     * the same directory again must reach the same data.
     */
    protected abstract Store newStore(Path dir);

    @Nested
    class Agents extends AgentRowsContract {
        @Override
        protected Store newStore(Path dir) {
            return StoreContract.this.newStore(dir);
        }
    }

    @Nested
    class Sessions extends SessionRowsContract {
        @Override
        protected Store newStore(Path dir) {
            return StoreContract.this.newStore(dir);
        }
    }

    @Nested
    class Leases extends LeaseRowsContract {
        @Override
        protected Store newStore(Path dir) {
            return StoreContract.this.newStore(dir);
        }
    }

    @Nested
    class Waiters extends WaiterRowsContract {
        @Override
        protected Store newStore(Path dir) {
            return StoreContract.this.newStore(dir);
        }
    }

    @Nested
    class Messages extends MessageRowsContract {
        @Override
        protected Store newStore(Path dir) {
            return StoreContract.this.newStore(dir);
        }
    }

    @Nested
    class Search extends MessageSearchContract {
        @Override
        protected Store newStore(Path dir) {
            return StoreContract.this.newStore(dir);
        }
    }

    @Nested
    class Events extends EventRowsContract {
        @Override
        protected Store newStore(Path dir) {
            return StoreContract.this.newStore(dir);
        }
    }

    @Nested
    class BatchIds extends BatchIdsContract {
        @Override
        protected Store newStore(Path dir) {
            return StoreContract.this.newStore(dir);
        }
    }

    @Nested
    class Transactions extends TransactionContract {
        @Override
        protected Store newStore(Path dir) {
            return StoreContract.this.newStore(dir);
        }
    }

    @Nested
    class Tasks extends TaskRowsContract {
        @Override
        protected Store newStore(Path dir) {
            return StoreContract.this.newStore(dir);
        }
    }

    @Nested
    class Dependencies extends DependencyRowsContract {
        @Override
        protected Store newStore(Path dir) {
            return StoreContract.this.newStore(dir);
        }
    }

    @Nested
    class Decisions extends DecisionRowsContract {
        @Override
        protected Store newStore(Path dir) {
            return StoreContract.this.newStore(dir);
        }
    }

    @Nested
    class Summaries extends SummaryRowsContract {
        @Override
        protected Store newStore(Path dir) {
            return StoreContract.this.newStore(dir);
        }
    }

    @Nested
    class Tokens extends TokenRowsContract {
        @Override
        protected Store newStore(Path dir) {
            return StoreContract.this.newStore(dir);
        }
    }

    @Nested
    class Dump extends DumpRowsContract {
        @Override
        protected Store newStore(Path dir) {
            return StoreContract.this.newStore(dir);
        }
    }
}
