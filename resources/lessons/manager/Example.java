import io.garrison.engine.ProcessPool;
import io.garrison.shared.Manager;
import io.garrison.shared.ManagerClient;
import io.garrison.shared.ManagerKeys;
import io.garrison.shared.RemoteLock;
import java.util.List;

public class ManagerExample {
    public static void main(String[] args) throws Exception {
        byte[] key = ManagerKeys.of("a long random secret");
        try (Manager manager = Manager.start(key);              // a server process
             ManagerClient client = manager.connect();
             ProcessPool pool = ProcessPool.builder().size(3).build()) {
            String host = manager.address().getHostString();
            int port = manager.address().getPort();
            pool.map(x -> {
                try (ManagerClient worker = ManagerClient.connect(host, port, key)) {
                    worker.list("squares").append(x * x);
                    try (RemoteLock held = worker.lock("report")) {
                        long pid = ProcessHandle.current().pid();
                        worker.dict("done-by").put(Integer.toString(x), pid);
                    }
                }
                return null;
            }, List.of(1, 2, 3, 4, 5, 6));
            System.out.println(client.list("squares").get());
            System.out.println(client.dict("done-by").get());
        }
    }
}
