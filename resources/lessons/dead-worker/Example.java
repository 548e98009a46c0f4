import io.garrison.engine.ProcessPool;
import io.garrison.engine.TaskFunction;
import java.io.File;
import java.util.List;

public class DeadWorkerExample {
    public static void main(String[] args) {
        new File("died-once").delete();
        TaskFunction<Integer, Integer> f = x -> {
            if (x == 2 && new File("died-once").createNewFile()) {
                Runtime.getRuntime().halt(137);  // dies mid-task, first time only
            }
            Thread.sleep(1500);
            return x * x;
        };
        // Garrison notices the death and runs the task again elsewhere.
        try (ProcessPool pool = ProcessPool.builder().size(3).retries(1).build()) {
            System.out.println(pool.map(f, List.of(1, 2, 3, 4, 5, 6), 1));
        }
        // With .losesTasksLikePython(true) it behaves as Python's Pool:
        // the task is lost and map never returns.
    }
}
