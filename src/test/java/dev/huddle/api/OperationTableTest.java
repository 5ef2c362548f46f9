package dev.huddle.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.lease.Leases;
import org.junit.jupiter.api.Test;

class OperationTableTest {

    @Test
    void forName_resolvesTheSameRowAsTheWholeTable_forEveryOperation() {
        for (Operation op : Operations.ALL) {
            assertThat(OperationTable.forName(op.family(), op.method().getName())).as(op.name()).isEqualTo(op);
        }
    }

    @Test
    void forName_ofAMethodOutsideTheTable_isNull() {
        assertThat(OperationTable.forName(Leases.class, "toString")).isNull();
        assertThat(OperationTable.forName(Object.class, "lock")).isNull();
        assertThat(OperationTable.forName(Leases.class, "lock").fullPath()).isEqualTo("/api/v1/leases/lock");
    }
}
