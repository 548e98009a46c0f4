package io.garrison.shared;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;

/** What a child JVM does in the shared memory tests; the first argument names the step. */
public final class SharedMemoryChild {

    private SharedMemoryChild() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "set-double" -> {
                try (SharedValue value = SharedValue.open(args[1])) {
                    value.setDouble(Double.parseDouble(args[2]));
                }
            }
            case "set-element" -> {
                try (SharedArray array = SharedArray.open(args[1])) {
                    array.setLong(Integer.parseInt(args[2]), Long.parseLong(args[3]));
                }
            }
            case "print-element" -> {
                try (SharedArray array = SharedArray.open(args[1])) {
                    System.out.println(array.getDouble(Integer.parseInt(args[2])));
                }
            }
            case "increment-locked" -> {
                try (SharedValue counter = SharedValue.open(args[1])) {
                    for (int i = Integer.parseInt(args[2]); i > 0; i--) {
                        try (SharedLock.Held held = counter.lock()) {
                            counter.setLong(counter.getLong() + 1);
                        }
                    }
                }
            }
            case "hold-lock" -> {
                SharedValue value = SharedValue.open(args[1]);
                value.lock();
                System.out.println("locked");
                new CountDownLatch(1).await();
            }
            case "create-and-wait" -> {
                SharedValue.create(args[1], SharedType.LONG);
                System.out.println("created");
                new CountDownLatch(1).await();
            }
            case "create-and-print-modes" -> {
                try (SharedValue value = SharedValue.create(SharedType.LONG)) {
                    Path file = SharedMemoryFolder.fileOf(value.name());
                    System.out.println(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))
                            + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) + " " + file);
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
