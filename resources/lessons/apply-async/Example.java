import io.garrison.engine.AsyncResult;
import io.garrison.engine.ProcessPool;
import io.garrison.engine.TaskFunction;
import java.util.concurrent.TimeUnit;

public class ApplyAsyncExample {
    public static void main(String[] args) throws Exception {
        TaskFunction<Integer, Integer> f = x -> {
            Thread.sleep(2500);
            return x * x;
        };
        ProcessPool pool = ProcessPool.builder().size(3).build();
        AsyncResult<Integer> r3 = pool.applyAsync(f, 3);  // returns at once
        AsyncResult<Integer> r4 = pool.applyAsync(f, 4);
        System.out.println(r3.ready() + " " + r4.ready());  // false false
        System.out.println(r3.get(60, TimeUnit.SECONDS));   // 9
        System.out.println(r4.get(60, TimeUnit.SECONDS));   // 16
        pool.close();                                       // no new tasks
        pool.join();                                        // workers exit
    }
}
