import io.garrison.engine.ProcessPool;
import io.garrison.shared.SharedType;
import io.garrison.shared.SharedValue;
import java.util.List;

public class RaceExample {
    public static void main(String[] args) {
        int k = 3, m = 200_000;
        try (ProcessPool pool = ProcessPool.builder().size(k).build()) {
            for (boolean useLock : List.of(false, true)) {
                try (SharedValue counter = SharedValue.create(SharedType.LONG)) {
                    String name = counter.name();
                    pool.map(ignored -> {
                        try (SharedValue c = SharedValue.open(name)) {
                            for (int i = 0; i < m; i++) {
                                if (useLock) {
                                    try (var held = c.lock()) {
                                        c.setLong(c.getLong() + 1);
                                    }
                                } else {
                                    c.setLong(c.getLong() + 1);  // not atomic
                                }
                            }
                        }
                        return null;
                    }, List.of(1, 2, 3), 1);
                    String run = useLock ? "lock" : "no lock";
                    System.out.println(run + " " + k * m + " " + counter.getLong());
                }
            }
        }
    }
}
