package io.garrison.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolState;
import io.garrison.ui.i18n.I18n;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.prefs.Preferences;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a frame costs the FX thread with 64 soldiers and about 1,000 events a second. Events are made up (no
 * processes), so the figure is the window's own cost; CPU time of the FX thread, not wall time, so other
 * programs on the machine do not blur it. Tagged {@code timing}: its bound depends on the machine, so the default
 * build leaves it out and a performance check runs it on purpose ({@code mvn test -Dgroups=timing}).
 */
@Tag("timing")
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class FrameCostTest {
    // Wall-clock pacing of the made-up events; CPU time is what is measured.

    private static final int WORKERS = 64;
    private static final int TASKS = 20_000;
    private static final int EVENTS_PER_SECOND = 1_000;

    private final ExecutorService background = BackgroundThreads.create("test-frame-cost");
    private MainViewModel model;
    private final AtomicInteger frames = new AtomicInteger();
    private final AtomicLong cpuNanos = new AtomicLong();

    @Start
    void start(Stage stage) {
        I18n.setLocale(Locale.ENGLISH);
        model = new MainViewModel(background, Platform::runLater, System::currentTimeMillis);
        MainView view = new MainView(model, new AppPreferences(Preferences.userRoot().node("io/garrison/ui-test")));
        stage.setScene(new Scene(view, 1200, 740));
        model.pump().start();
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.pump().stop()).get(10, TimeUnit.SECONDS);
        background.shutdownNow();
    }

    @Test
    void sixtyFourSoldiersAndAThousandEventsASecondCostLittleFxTimePerFrame() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.loadText("synthetic", "50\n".repeat(TASKS))).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.getPhase() == MainViewModel.Phase.READY);
        for (int pid = 1; pid <= WORKERS; pid++) {
            model.pump().onEvent(new PoolEvent.WorkerStarted(System.currentTimeMillis(), 100_000 + pid, 40));
        }
        model.pump().onEvent(new PoolEvent.PoolStateChanged(System.currentTimeMillis(), PoolState.RUNNING, WORKERS));

        AnimationTimer probe = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frames.incrementAndGet();
            }
        };
        long[] cpuStart = new long[1];
        WaitForAsyncUtils.asyncFx(() -> {
            cpuStart[0] = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            probe.start();
        }).get(10, TimeUnit.SECONDS);

        // Each task: started then succeeded, spread over the 64 workers, at about 1,000 events a second.
        long startNanos = System.nanoTime();
        int events = 0;
        for (int task = 0; System.nanoTime() - startNanos < TimeUnit.SECONDS.toNanos(4); task++) {
            long pid = 100_001 + task % WORKERS;
            long ts = System.currentTimeMillis();
            model.pump().onEvent(new PoolEvent.TaskStarted(ts, task, task + 1, "50", pid, 1));
            model.pump().onEvent(new PoolEvent.TaskSucceeded(ts, task, task + 1, "50", pid, "50", 50, ""));
            events += 2;
            long due = startNanos + events * (1_000_000_000L / EVENTS_PER_SECOND);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        WaitForAsyncUtils.asyncFx(() -> {
            cpuNanos.set(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart[0]);
            probe.stop();
        }).get(10, TimeUnit.SECONDS);

        double perFrameMs = cpuNanos.get() / 1e6 / Math.max(1, frames.get());
        double busyShare = cpuNanos.get() / 1e9 / 4.0;
        System.out.printf("frame cost: %d events in 4 s, %d frames, FX thread CPU %.1f ms per frame, busy %.0f%%%n",
                events, frames.get(), perFrameMs, 100 * busyShare);
        assertThat(frames.get()).isPositive();
        // Frames come as often as the machine allows (fewer, bigger batches when it is crowded), so the
        // measure is how much of its time the FX thread needs: it must keep most of it for the user.
        assertThat(busyShare).isLessThan(0.5);
        assertThat(model.board().getSucceeded()).isGreaterThan(1000);
    }
}
