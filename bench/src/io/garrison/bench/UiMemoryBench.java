package io.garrison.bench;

import io.garrison.ui.main.AppPreferences;
import io.garrison.ui.main.BackgroundThreads;
import io.garrison.ui.main.MainView;
import io.garrison.ui.main.MainViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop app's peak memory with a task list of N lines loaded: the real main view in a window (run it
 * headless: -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw, Monocle on the class
 * path), the list loaded as the app loads a dropped file, then the process's VmHWM once the list is ready.
 * Usage: UiMemoryBench N. Prints {"hwm_mb": ..., "load_seconds": ...}.
 */
public final class UiMemoryBench {

    private UiMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path list = Files.createTempFile("garrison-ui-bench-", ".txt");
        StringBuilder text = new StringBuilder(n * 8);
        for (int i = 0; i < n; i++) {
            text.append(i).append('\n');
        }
        Files.writeString(list, text);
        text = null;
        ExecutorService background = BackgroundThreads.create("bench-ui");
        CompletableFuture<MainViewModel> shown = new CompletableFuture<>();
        Platform.startup(() -> {
            MainViewModel model = new MainViewModel(background, Platform::runLater, System::currentTimeMillis);
            MainView view = new MainView(model, new AppPreferences(Preferences.userRoot().node("io/garrison/bench")));
            Stage stage = new Stage();
            stage.setScene(new Scene(view, 1200, 740));
            model.pump().start();
            stage.show();
            shown.complete(model);
        });
        MainViewModel model = shown.get(60, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        Platform.runLater(() -> model.loadFile(list));
        while (onFx(model::getPhase) != MainViewModel.Phase.READY) {
            if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(120)) {
                throw new IllegalStateException("the list did not load in 120 s");
            }
            Thread.sleep(20);
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(2000); // a few hundred frames with the list in the table
        long hwmKb = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                hwmKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        System.out.printf(java.util.Locale.ROOT, "{\"hwm_mb\": %.1f, \"load_seconds\": %.3f}%n", hwmKb / 1024.0, loadSeconds);
        System.out.flush();
        Files.deleteIfExists(list);
        Runtime.getRuntime().halt(0); // the pool's workers see their pipes close and leave
    }

    private static <T> T onFx(java.util.function.Supplier<T> what) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> result.complete(what.get()));
        return result.get(30, TimeUnit.SECONDS);
    }
}
