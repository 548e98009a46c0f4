package io.garrison.engine;

/** Consecutive jobs sent to one worker in one message, like Python's chunks. Guarded by the pool's lock. */
final class Chunk {

    final Job[] jobs;
    /** Jobs before this index have been handed out (a chunk may be split by a worker's task quota). */
    int next;

    Chunk(Job[] jobs) {
        this.jobs = jobs;
    }

    int remaining() {
        return jobs.length - next;
    }

    FunctionRef function() {
        return jobs[next].function;
    }
}
