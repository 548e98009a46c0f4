package io.garrison.engine;

/** How many tasks go to a worker in one message when the caller does not say. */
public final class ChunkSizes {

    private ChunkSizes() {
    }

    /** Python's {@code Pool.map} rule: about four chunks per worker, rounded up. */
    public static int pythonDefault(int tasks, int workers) {
        if (tasks == 0) {
            return 1;
        }
        int perChunk = tasks / (Math.max(1, workers) * 4);
        int extra = tasks % (Math.max(1, workers) * 4);
        return Math.max(1, extra > 0 ? perChunk + 1 : perChunk);
    }
}
