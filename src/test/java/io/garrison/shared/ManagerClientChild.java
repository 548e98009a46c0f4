package io.garrison.shared;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/** What a client process does in the Manager tests: {@code STEP HOST PORT KEY ...}. */
public final class ManagerClientChild {

    private ManagerClientChild() {
    }

    public static void main(String[] args) throws Exception {
        byte[] key = args[3].getBytes(StandardCharsets.UTF_8);
        try (ManagerClient client = ManagerClient.connect(args[1], Integer.parseInt(args[2]), key)) {
            switch (args[0]) {
                case "work" -> work(client, args[4], Integer.parseInt(args[5]));
                case "hold-lock" -> {
                    client.lock("L");
                    System.out.println("locked");
                    new CountDownLatch(1).await();
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    /** A read-then-write under the lock is exact only if the lock excludes; the other objects count calls. */
    private static void work(ManagerClient client, String id, int rounds) {
        for (int i = 0; i < rounds; i++) {
            try (RemoteLock held = client.lock("L")) {
                RemoteValue counter = client.value("guarded");
                counter.set(counter.get().longValue() + 1);
            }
            client.list("log").append(id);
            client.value("adds").add(1);
        }
        client.dict("finished").put(id, rounds);
    }
}
