package io.garrison.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.ProcessPool;
import io.garrison.engine.TaskFunction;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shared memory and the Manager used from tasks of the engine's pool: the task captures names, not objects. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoolTasksTest {

    @Test
    void tasksAddToASharedArrayByName() throws Exception {
        try (SharedArray hits = SharedArray.create(SharedType.LONG, 3);
             ProcessPool pool = ProcessPool.builder().size(3).build()) {
            String name = hits.name();
            TaskFunction<Integer, Long> task = i -> {
                try (SharedArray opened = SharedArray.open(name)) {
                    opened.getAndAdd(i % 3, 1);
                }
                return ProcessHandle.current().pid();
            };
            List<Long> pids = pool.map(task, IntStream.range(0, 30).boxed().toList());

            assertThat(hits.toLongArray()).containsExactly(10, 10, 10);
            assertThat(pids).doesNotContain(ProcessHandle.current().pid());
        }
    }

    @Test
    void tasksShareAManagerList() throws Exception {
        byte[] key = ManagerKeys.of("pool key");
        try (Manager manager = Manager.start(key);
             ProcessPool pool = ProcessPool.builder().size(2).build();
             ManagerClient client = manager.connect()) {
            String host = manager.address().getHostString();
            int port = manager.address().getPort();
            TaskFunction<Integer, Integer> task = i -> {
                try (ManagerClient worker = ManagerClient.connect(host, port, key)) {
                    return worker.list("squares").append(i * i);
                }
            };
            pool.map(task, List.of(1, 2, 3, 4));

            assertThat(client.list("squares").get()).containsExactlyInAnyOrder(1, 4, 9, 16);
        }
    }
}
