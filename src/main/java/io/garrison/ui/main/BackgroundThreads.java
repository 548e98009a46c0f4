package io.garrison.ui.main;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Threads for engine calls that may block (starting workers, terminate, reading a big list), off the FX thread. */
public final class BackgroundThreads {

    private BackgroundThreads() {
    }

    /** Daemon threads, so a forgotten task never keeps the app from exiting. */
    public static ExecutorService create(String name) {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
