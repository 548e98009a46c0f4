package io.garrison.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * One memory-mapped file holding a header and a fixed number of typed elements; the storage behind
 * {@link SharedValue} and {@link SharedArray}.
 *
 * <p>Layout (native byte order, every field aligned to its size so the VarHandle atomic modes work):
 * <pre>
 *  0 int  magic, written last with release semantics: an opener sees a complete header or none
 *  4 int  type code (i, l, d)
 *  8 long owner PID (the creator, for sweeping files of crashed owners)
 * 16 int  element count
 * 24 long lock word: PID of the process holding {@link SharedLock}, 0 when free
 * 64 ...  elements, 4 or 8 bytes each
 * </pre>
 * Doubles are stored as their raw long bits and accessed through the long view, because the JDK's double
 * view has no atomic add.
 *
 * <p>Thread-safe: every access is a volatile or atomic VarHandle access on the mapping.
 */
final class SharedSegment {

    static final int MAGIC = 0x47525331;
    private static final int OFF_MAGIC = 0;
    private static final int OFF_TYPE = 4;
    private static final int OFF_OWNER = 8;
    private static final int OFF_LENGTH = 16;
    private static final int OFF_LOCK = 24;
    private static final int HEADER_BYTES = 64;

    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final String name;
    private final Path file;
    private final MappedByteBuffer buffer;
    private final SharedType type;
    private final int length;
    private final boolean owner;
    private volatile boolean closed;

    private SharedSegment(String name, Path file, MappedByteBuffer buffer, SharedType type, int length, boolean owner) {
        this.name = name;
        this.file = file;
        this.buffer = buffer;
        this.type = type;
        this.length = length;
        this.owner = owner;
    }

    /** Creates the file for {@code name}; fails if it exists. The caller becomes the owner. */
    static SharedSegment create(String name, SharedType type, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
        SharedMemoryFolder.sweepOnce();
        Path file = SharedMemoryFolder.fileOf(name);
        long size = HEADER_BYTES + (long) length * type.bytes();
        MappedByteBuffer buffer;
        // Only the owner's processes may map it: 0600 where POSIX, set at creation so there is no moment it is open.
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE), SharedMemoryFolder.privateFileAttributes())) {
            SharedMemoryFolder.registerOwned(file);
            buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create shared memory '" + name + "' at " + file, e);
        }
        buffer.order(ByteOrder.nativeOrder());
        buffer.putInt(OFF_TYPE, type.code());
        buffer.putLong(OFF_OWNER, ProcessLiveness.currentPid());
        buffer.putInt(OFF_LENGTH, length);
        buffer.putLong(OFF_LOCK, 0L);
        INTS.setRelease(buffer, OFF_MAGIC, MAGIC);
        return new SharedSegment(name, file, buffer, type, length, true);
    }

    /** Opens the existing file for {@code name}, created by another process or this one. */
    static SharedSegment open(String name) {
        Path file = SharedMemoryFolder.fileOf(name);
        MappedByteBuffer buffer;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size < HEADER_BYTES) {
                throw new IllegalStateException("'" + name + "' is not a complete shared memory file: " + file);
            }
            buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no shared memory named '" + name + "' (looked for " + file + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open shared memory '" + name + "' at " + file, e);
        }
        buffer.order(ByteOrder.nativeOrder());
        if ((int) INTS.getAcquire(buffer, OFF_MAGIC) != MAGIC) {
            throw new IllegalStateException("'" + name + "' is not a Garrison shared memory file: " + file);
        }
        SharedType type = SharedType.ofCode((char) buffer.getInt(OFF_TYPE));
        int length = buffer.getInt(OFF_LENGTH);
        if (buffer.capacity() < HEADER_BYTES + (long) length * type.bytes()) {
            throw new IllegalStateException("shared memory file is shorter than its header says: " + file);
        }
        return new SharedSegment(name, file, buffer, type, length, false);
    }

    /** The owner PID recorded in {@code file}, or 0 when it is not a complete shared memory file. */
    static long ownerPidOf(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(OFF_LENGTH).order(ByteOrder.nativeOrder());
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // read the whole prefix; a short file ends the loop through the -1 result
            }
            return header.hasRemaining() || header.getInt(OFF_MAGIC) != MAGIC ? 0 : header.getLong(OFF_OWNER);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    String name() {
        return name;
    }

    SharedType type() {
        return type;
    }

    int length() {
        return length;
    }

    /** The PID in the lock word, 0 when the lock is free. */
    long lockHolder() {
        checkOpen();
        return (long) LONGS.getVolatile(buffer, OFF_LOCK);
    }

    boolean compareAndSetLockHolder(long expected, long holder) {
        checkOpen();
        return LONGS.compareAndSet(buffer, OFF_LOCK, expected, holder);
    }

    long getLong(int index) {
        int offset = offset(integral(index));
        return type == SharedType.INT ? (int) INTS.getVolatile(buffer, offset) : (long) LONGS.getVolatile(buffer, offset);
    }

    void setLong(int index, long value) {
        int offset = offset(integral(index));
        if (type == SharedType.INT) {
            INTS.setVolatile(buffer, offset, Math.toIntExact(value));
        } else {
            LONGS.setVolatile(buffer, offset, value);
        }
    }

    long getAndAdd(int index, long delta) {
        int offset = offset(integral(index));
        if (type == SharedType.INT) {
            return (int) INTS.getAndAdd(buffer, offset, Math.toIntExact(delta));
        }
        return (long) LONGS.getAndAdd(buffer, offset, delta);
    }

    boolean compareAndSet(int index, long expected, long update) {
        int offset = offset(integral(index));
        if (type == SharedType.INT) {
            return INTS.compareAndSet(buffer, offset, Math.toIntExact(expected), Math.toIntExact(update));
        }
        return LONGS.compareAndSet(buffer, offset, expected, update);
    }

    double getDouble(int index) {
        return type == SharedType.DOUBLE
                ? Double.longBitsToDouble((long) LONGS.getVolatile(buffer, offset(index)))
                : getLong(index);
    }

    void setDouble(int index, double value) {
        LONGS.setVolatile(buffer, offset(floating(index)), Double.doubleToRawLongBits(value));
    }

    boolean compareAndSetDouble(int index, double expected, double update) {
        return LONGS.compareAndSet(buffer, offset(floating(index)),
                Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(update));
    }

    double getAndAddDouble(int index, double delta) {
        int offset = offset(floating(index));
        while (true) {
            long bits = (long) LONGS.getVolatile(buffer, offset);
            double current = Double.longBitsToDouble(bits);
            if (LONGS.compareAndSet(buffer, offset, bits, Double.doubleToRawLongBits(current + delta))) {
                return current;
            }
        }
    }

    /** The element as text: integers without a fraction, doubles as {@link Double#toString(double)}. */
    String format(int index) {
        return type == SharedType.DOUBLE ? Double.toString(getDouble(index)) : Long.toString(getLong(index));
    }

    private int integral(int index) {
        if (type == SharedType.DOUBLE) {
            throw new IllegalStateException("'" + name + "' holds doubles: use the double methods");
        }
        return index;
    }

    private int floating(int index) {
        if (type != SharedType.DOUBLE) {
            throw new IllegalStateException("'" + name + "' holds integers (type '" + type.code()
                    + "'): use the long methods");
        }
        return index;
    }

    private int offset(int index) {
        checkOpen();
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for length " + length);
        }
        return HEADER_BYTES + index * type.bytes();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("shared memory '" + name + "' is closed");
        }
    }

    /**
     * Stops this handle; the owner also removes the file. The mapping itself is released by the garbage
     * collector: unmapping by hand would crash any thread still touching it. Processes that still have the file
     * mapped keep working on their copy of the pages.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (owner) {
            SharedMemoryFolder.deleteOwned(file);
        }
    }

    boolean isOwner() {
        return owner;
    }
}
