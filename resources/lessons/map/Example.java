import io.garrison.engine.ProcessPool;
import java.util.List;
import java.util.stream.IntStream;

public class MapExample {
    public static void main(String[] args) {
        List<Integer> inputs = IntStream.rangeClosed(1, 10).boxed().toList();
        try (ProcessPool pool = ProcessPool.builder().size(5).build()) {
            List<Integer> squares = pool.map(x -> {
                Thread.sleep(400);   // a moment of work, to watch it
                return x * x;
            }, inputs, 1);
            System.out.println(squares);
        }
    }
}
