package io.garrison.shared;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock shared by every process that opened the same {@link SharedValue} or {@link SharedArray}, like the
 * lock behind Python's {@code Value.get_lock()}.
 *
 * <p>The lock is a word in the mapped file holding the PID of the process that holds it (0 when free), taken
 * with compare-and-set. A waiter spins briefly, then parks with a growing pause, and every few milliseconds
 * checks whether the holder's process still lives: a lock whose holder died is broken, so a crashed worker
 * never blocks the others forever. See {@code docs/decisions/0001-shared-memory.md} for why.
 *
 * <p>Not reentrant. Threads of one process exclude each other too (they wait for the word to be 0 like any other
 * process). Unlock from the thread that locked. Thread-safe.
 */
public final class SharedLock {

    private static final int SPINS = 100;
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LIVENESS_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final SharedSegment segment;
    private final long pid = ProcessLiveness.currentPid();
    private volatile Thread holderThread;

    SharedLock(SharedSegment segment) {
        this.segment = segment;
    }

    /** A held lock; {@link #close()} releases it, so it fits try-with-resources. */
    @FunctionalInterface
    public interface Held extends AutoCloseable {
        /** Releases the lock. */
        @Override
        void close();
    }

    /** Waits as long as it takes for the lock, then holds it. */
    public Held lock() {
        acquire(false, 0);
        return this::unlock;
    }

    /**
     * Waits at most {@code timeout} for the lock.
     *
     * @return the held lock, or {@code null} if the time ran out
     */
    public Held tryLock(Duration timeout) {
        return acquire(true, System.nanoTime() + Math.max(0, timeout.toNanos())) ? this::unlock : null;
    }

    /** The PID of the process holding the lock, or 0 when it is free. */
    public long holderPid() {
        return segment.lockHolder();
    }

    /** Releases the lock held by the calling thread. */
    public void unlock() {
        if (holderThread != Thread.currentThread() || !segment.compareAndSetLockHolder(pid, 0)) {
            throw new IllegalMonitorStateException("the lock of '" + segment.name() + "' is not held by this thread");
        }
        holderThread = null;
    }

    /** @param deadline a {@link System#nanoTime()} value, used only when {@code timed} */
    private boolean acquire(boolean timed, long deadline) {
        long pause = 1_000;
        long nextLivenessCheck = System.nanoTime() + LIVENESS_CHECK_NANOS;
        for (int attempt = 0; ; attempt++) {
            // Test before test-and-set: waiters read their own cached line and do not bounce it between cores.
            if (segment.lockHolder() == 0 && segment.compareAndSetLockHolder(0, pid)) {
                holderThread = Thread.currentThread();
                return true;
            }
            if (attempt < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            long now = System.nanoTime();
            if (timed && now - deadline >= 0) {
                return false;
            }
            if (now - nextLivenessCheck >= 0) {
                breakIfHolderDead();
                nextLivenessCheck = now + LIVENESS_CHECK_NANOS;
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }

    private void breakIfHolderDead() {
        long holder = segment.lockHolder();
        if (holder != 0 && holder != pid && !ProcessLiveness.isAlive(holder)
                && segment.compareAndSetLockHolder(holder, 0)) {
            log().log(System.Logger.Level.WARNING, "broke the lock of '" + segment.name() + "' held by dead process " + holder);
        }
    }

    /** Asked for when needed: finding a logger starts the logging system, which a pool's start-up need not pay for. */
    private static System.Logger log() {
        return System.getLogger(SharedLock.class.getName());
    }
}
