package io.garrison.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedMemoryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void childWritesAreSeenByTheParent() throws Exception {
        try (SharedValue value = SharedValue.ofDouble(0.0); SharedArray array = SharedArray.ofInts(0, 1, 2, 3)) {
            try (TestChild setValue = TestChild.start(SharedMemoryChild.class, "set-double", value.name(), "3.14");
                 TestChild setElement = TestChild.start(SharedMemoryChild.class, "set-element", array.name(), "0", "5")) {
                assertThat(setValue.awaitExit(WAIT)).isZero();
                assertThat(setElement.awaitExit(WAIT)).isZero();
            }
            assertThat(value.getDouble()).isEqualTo(3.14);
            assertThat(array).hasToString("[5, 1, 2, 3]");
        }
    }

    @Test
    void parentWritesAreSeenByAChild() throws Exception {
        try (SharedArray array = SharedArray.ofDoubles(0.0, 0.0)) {
            array.setDouble(1, 2.5);
            try (TestChild child = TestChild.start(SharedMemoryChild.class, "print-element", array.name(), "1")) {
                assertThat(child.awaitLine(WAIT)).isEqualTo("2.5");
            }
        }
    }

    @Test
    void lockedCounterIsExactUnderContentionFromFourProcesses() throws Exception {
        int increments = 20_000;
        try (SharedValue counter = SharedValue.create(SharedType.LONG)) {
            List<TestChild> children = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    children.add(TestChild.start(SharedMemoryChild.class, "increment-locked", counter.name(),
                            Integer.toString(increments)));
                }
                for (TestChild child : children) {
                    assertThat(child.awaitExit(WAIT)).isZero();
                }
            } finally {
                children.forEach(TestChild::close);
            }
            assertThat(counter.getLong()).isEqualTo(4L * increments);
            assertThat(counter.getLock().holderPid()).isZero();
        }
    }

    @Test
    void aLockHeldByAKilledProcessIsBroken() throws Exception {
        try (SharedValue value = SharedValue.create(SharedType.INT)) {
            try (TestChild holder = TestChild.start(SharedMemoryChild.class, "hold-lock", value.name())) {
                assertThat(holder.awaitLine(WAIT)).isEqualTo("locked");
                assertThat(value.getLock().holderPid()).isEqualTo(holder.pid());
                assertThat(value.getLock().tryLock(Duration.ofMillis(100))).isNull();
                holder.kill();
            }
            SharedLock.Held held = value.getLock().tryLock(WAIT);
            assertThat(held).isNotNull();
            assertThat(value.getLock().holderPid()).isEqualTo(ProcessHandle.current().pid());
            held.close();
        }
    }

    @Test
    void filesOfACrashedOwnerAreSweptAndLiveOnesKept() throws Exception {
        String name = "stale-" + System.nanoTime();
        Path file = SharedMemoryFolder.fileOf(name);
        try (SharedValue live = SharedValue.create(SharedType.LONG);
             TestChild owner = TestChild.start(SharedMemoryChild.class, "create-and-wait", name)) {
            assertThat(owner.awaitLine(WAIT)).isEqualTo("created");
            SharedMemoryFolder.removeStale();
            assertThat(file).exists();
            owner.kill();
            assertThat(file).as("a SIGKILLed owner cannot clean up").exists();

            assertThat(SharedMemoryFolder.removeStale()).isPositive();

            assertThat(file).doesNotExist();
            assertThat(SharedMemoryFolder.fileOf(live.name())).exists();
        }
    }

    @Test
    void closingTheOwnerRemovesTheFile() {
        SharedValue value = SharedValue.ofLong(7);
        Path file = SharedMemoryFolder.fileOf(value.name());
        try (SharedValue opened = SharedValue.open(value.name())) {
            assertThat(opened.getLong()).isEqualTo(7);
            opened.close();
            assertThat(file).as("only the owner removes the file").exists();
        }
        value.close();
        assertThat(Files.exists(file)).isFalse();
        assertThatThrownBy(() -> SharedValue.open(value.name())).hasMessageContaining("no shared memory named");
        assertThatThrownBy(value::getLong).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void atomicOperationsAndTypeChecks() {
        try (SharedValue counter = SharedValue.create(SharedType.INT);
             SharedValue real = SharedValue.ofDouble(1.5);
             SharedArray longs = SharedArray.ofLongs(10, 20)) {
            assertThat(counter.getAndAdd(5)).isZero();
            assertThat(counter.addAndGet(2)).isEqualTo(7);
            assertThat(counter.compareAndSet(6, 1)).isFalse();
            assertThat(counter.compareAndSet(7, 1)).isTrue();
            assertThatThrownBy(() -> counter.setLong(Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> counter.setDouble(1)).hasMessageContaining("holds integers");

            assertThat(real.addAndGetDouble(1.25)).isEqualTo(2.75);
            assertThat(real.compareAndSetDouble(2.75, 0.5)).isTrue();
            assertThatThrownBy(real::getLong).hasMessageContaining("holds doubles");

            assertThat(longs.getAndAdd(1, 1)).isEqualTo(20);
            assertThat(longs.toLongArray()).containsExactly(10, 21);
            assertThatThrownBy(() -> longs.getLong(2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> SharedValue.open(longs.name())).hasMessageContaining("is an array");
            assertThatThrownBy(() -> SharedValue.create("../evil", SharedType.INT))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
