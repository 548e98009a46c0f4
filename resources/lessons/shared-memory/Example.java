import io.garrison.engine.ProcessPool;
import io.garrison.shared.SharedArray;
import io.garrison.shared.SharedValue;
import java.util.concurrent.TimeUnit;

public class SharedMemoryExample {
    public static void main(String[] args) throws Exception {
        try (SharedValue num = SharedValue.ofDouble(0.0);
             SharedArray arr = SharedArray.ofInts(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
             ProcessPool pool = ProcessPool.builder().size(1).build()) {
            // The child opens them by name: nothing is copied.
            String numName = num.name(), arrName = arr.name();
            pool.applyAsync(ignored -> {
                try (SharedValue n = SharedValue.open(numName);
                     SharedArray a = SharedArray.open(arrName)) {
                    n.setDouble(3.14);
                    a.setLong(0, 5);
                }
                return null;
            }, 0).get(1, TimeUnit.MINUTES);
            System.out.println(num.getDouble());   // 3.14
            System.out.println(arr);               // [5, 1, 2, ..., 9]
        }
    }
}
