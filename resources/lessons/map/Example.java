import io.garrison.engine.ProcessPool;
import java.util.List;
import java.util.stream.IntStream;

public class MapExample {
    public static void main(String[] args) {
        List<Integer> inputs = IntStream.rangeClosed(1, 10).boxed().toList();
        try (ProcessPool pool = ProcessPool.builder().size(5).build()) {
            List<Integer> squares = pool.map(x -> x * x, inputs);
            System.out.println(squares);
        }
    }
}
