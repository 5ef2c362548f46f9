package dev.huddle.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.store.StoreException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The one-line messages PostgreSQL's failures become, for the states a restart produces: sessions
 * refused while the server starts, recovers or shuts down, and sessions cut mid-command. The states
 * and server texts are PostgreSQL's own (seen by {@code PostgresRestartIT} on a real restart).
 */
class PostgresErrorsTest {

    private static final PostgresUrl URL = PostgresUrl.parse("postgresql://postgres@db.example:5433/team");

    @Test
    void connecting_whileTheServerStartsOrStops_saysNotAcceptingRightNow_tryAgain() {
        for (String why : new String[] {"the database system is starting up", "the database system is shutting down",
                "the database system is in recovery mode", "the database system is not yet accepting connections"}) {
            StoreException e = PostgresErrors.connecting(new SQLException("FATAL: " + why, "57P03"), URL);
            assertThat(e).isInstanceOf(StoreException.Unavailable.class).hasMessage("PostgreSQL at db.example:5433 is not"
                    + " accepting connections to database 'team' right now (" + why + "): try again in a moment");
        }
    }

    @Test
    void connecting_whenTheDatabaseRefusesConnections_saysNotAcceptingRightNow_inPlainWords() {
        SQLException refused = new SQLException("FATAL: database \"team\" is not currently accepting connections", "55000");
        assertThat(PostgresErrors.connecting(refused, URL)).isInstanceOf(StoreException.Unavailable.class)
                .hasMessage("PostgreSQL at db.example:5433 is not accepting connections to database 'team' right now"
                        + " (its connections are switched off): try again in a moment");
    }

    @Test
    void midCommand_whenTheServerEndsTheSessionOrTheSocketDies_saysLostTheConnection() {
        String[][] cases = {{"57P01", "FATAL: terminating connection due to administrator command"},
                {"57P01", "FATAL: terminating connection due to immediate shutdown command"},
                {"57P02", "FATAL: terminating connection because of crash of another server process"},
                {"08006", "An I/O error occurred while sending to the backend."}};
        for (String[] c : cases) {
            StoreException e = PostgresErrors.classify(new SQLException(c[1] + "\n  Detail: more", c[0]), URL);
            assertThat(e).isInstanceOf(StoreException.Unavailable.class)
                    .hasMessage("lost the connection to PostgreSQL at db.example:5433 (" + c[1] + ")");
        }
    }

    @Test
    void classify_keepsItsOtherCases() {
        assertThat(PostgresErrors.classify(new SQLException("ERROR: could not serialize", "40001"), URL))
                .isInstanceOf(StoreException.Busy.class);
        assertThat(PostgresErrors.classify(new SQLException("ERROR: something else", "XX000"), URL))
                .isInstanceOf(StoreException.Failure.class)
                .hasMessage("store postgresql://postgres@db.example:5433/team failed: ERROR: something else");
    }
}
