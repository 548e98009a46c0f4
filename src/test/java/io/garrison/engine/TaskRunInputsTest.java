package io.garrison.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.task.TaskList;
import io.garrison.task.TaskOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A task list's inputs reach the workers exactly as they were read, whatever their script or length. */
@Timeout(90)
class TaskRunInputsTest {

    @Test
    void everyInputOfAListReachesItsWorkerByteForByte(@TempDir Path dir) throws Exception {
        // Short ASCII, Chinese, an emoji (a surrogate pair), and ASCII and non-ASCII past 256 characters: the
        // lengths where encoding a String took other paths than copying the list's UTF-8 bytes.
        String[] inputs = {"7", "下载 download.txt", "soldier \uD83E\uDE96 ready", "x".repeat(300),
                "é".repeat(300), "tab\tand  spaces"};
        Map<Integer, String> printed = new ConcurrentHashMap<>();
        ProcessPool pool = ProcessPool.builder().size(2).listener(event -> {
            if (event instanceof PoolEvent.TaskSucceeded done) {
                printed.put(done.task(), done.output());
            }
        }).build();
        TaskOptions options = TaskOptions.builder().outputDir(dir).commandTemplate("printf %s {}").build();

        RunSummary summary;
        try {
            summary = TaskRun.start(pool, TaskList.of(inputs), "command", options, 2, Set.of()).await();
            pool.close();
            pool.join(); // listeners hear the events after the results: all of them by now
        } finally {
            pool.terminate(); // kills what a failed check left running; a no-op after join
        }

        assertThat(summary.succeeded()).isEqualTo(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            assertThat(printed.get(i)).as("what task %d's program printed", i).isEqualTo(inputs[i]);
        }
    }

    @Test
    void aRunsEndIsHeardAfterEveryOneOfItsTasksEvenWhenTheLastArriveInOneBatch() throws Exception {
        // Squares come back in batches; the run ends inside the last batch, whose successes are held and handed
        // to listeners together: the end must follow them, not overtake them.
        String[] inputs = IntStream.rangeClosed(1, 20_000).mapToObj(String::valueOf).toArray(String[]::new);
        List<PoolEvent> heard = new CopyOnWriteArrayList<>();
        ProcessPool pool = ProcessPool.builder().size(2).listener(heard::add).build();
        try {
            for (int round = 0; round < 3; round++) {
                heard.clear();
                TaskRun.start(pool, TaskList.of(inputs), "square", TaskOptions.none()).await();
                List<String> lastTwo = heard.stream().filter(e -> e instanceof PoolEvent.TaskSucceeded
                                || e instanceof PoolEvent.RunFinished)
                        .skip(inputs.length - 1).map(e -> e.getClass().getSimpleName()).collect(Collectors.toList());
                assertThat(lastTwo).as("round %d", round).containsExactly("TaskSucceeded", "RunFinished");
            }
        } finally {
            pool.terminate();
        }
    }
}
