package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.ProcessPool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ProgressBarTest {

    @Test
    void countsEveryTaskOfAMapWhoseResultsComeInRunsAndItsFailures() throws Exception {
        ByteArrayOutputStream drawn = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(drawn, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar(err);
        bar.follow(new ProgressBar.Total() {
            @Override
            public int tasksKnown() {
                return 5_000;
            }

            @Override
            public boolean listRead() {
                return true;
            }
        });
        List<Integer> inputs = IntStream.range(0, 5_000).boxed().toList();

        // The bar is the pool's only listener and takes runs, so the successes reach it a batch at a time.
        try (ProcessPool pool = ProcessPool.builder().size(2).listener(bar).build()) {
            try {
                pool.map(x -> 100 / (x % 1_000), inputs, 500);
            } catch (RuntimeException expected) {
                // inputs 0, 1000, 2000, 3000 and 4000 divide by zero
            }
            pool.close();
            pool.join();
            bar.onEvent(new PoolEvent.RunFinished(System.currentTimeMillis(), 5_000, 4_995, 5, 0, 1));
        }

        String text = drawn.toString(StandardCharsets.UTF_8);
        String last = text.substring(text.lastIndexOf('\r') + 1);
        assertThat(last).contains("5000/5000 done, 5 failed").startsWith("[" + "#".repeat(30) + "]");
    }
}
