package dev.huddle.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.app.lease.Leases;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class OperationTableTest {

    @Test
    void forMethod_resolvesTheSameRowAsTheWholeTable_forEveryOperation() {
        for (Operation op : Operations.ALL) {
            assertThat(OperationTable.forMethod(op.method())).as(op.name()).isEqualTo(op);
        }
    }

    @Test
    void forMethod_ofAMethodOutsideTheTable_isNull() throws NoSuchMethodException {
        Method notAUseCase = Object.class.getMethod("toString");
        assertThat(OperationTable.forMethod(notAUseCase)).isNull();
        Method lock = Leases.class.getMethod("lock", dev.huddle.app.lease.LockRequest.class);
        assertThat(OperationTable.forMethod(lock).fullPath()).isEqualTo("/api/v1/leases/lock");
    }
}
