package io.garrison.ui.check;

import io.garrison.engine.PoolSnapshot;
import io.garrison.engine.WorkerId;
import io.garrison.ui.parade.PictureLag;
import io.garrison.ui.parade.Soldier;
import io.garrison.ui.parade.SoldierState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares what the window draws with what the engine says, for the self-check the app prints when
 * {@code --quit-after} ends it (a contract: docs/ARCHITECTURE.md, "The picture's self-check"). Each soldier is
 * judged against its worker in a {@link PoolSnapshot}; the queue, done and failed counts the window draws against
 * the engine's. Pure: the caller gathers both sides.
 */
public final class PictureCheck {

    private PictureCheck() {
    }

    /**
     * What the window draws.
     *
     * @param soldiers     the parade's soldiers (those drawn leaving or fallen count as gone)
     * @param queued       the queue's count
     * @param trayDone     the tray's done count
     * @param trayFailed   the tray's failed count
     * @param statusDone   the status bar's done count
     * @param statusFailed the status bar's failed count
     * @param statusBusy   the status bar's busy workers
     */
    public record Drawn(Collection<Soldier> soldiers, int queued, int trayDone, int trayFailed, int statusDone,
                        int statusFailed, int statusBusy) {
    }

    /**
     * What the engine says.
     *
     * @param snapshot  the pool at one instant; null when no pool exists
     * @param total     tasks of the list the window shows
     * @param succeeded tasks the engine says succeeded (its run's summary)
     * @param failed    tasks the engine says finally failed
     * @param skipped   tasks the engine skipped (a resumed run's)
     */
    public record Real(PoolSnapshot snapshot, int total, int succeeded, int failed, int skipped) {

        /** Tasks neither finished nor running: what a queue must show. */
        int queued() {
            return Math.max(0, total - succeeded - failed - skipped - running());
        }

        int running() {
            if (snapshot == null) {
                return 0;
            }
            int running = 0;
            for (PoolSnapshot.WorkerSnapshot worker : snapshot.workers()) {
                running += worker.running() ? 1 : 0;
            }
            return running;
        }
    }

    /**
     * The verdict: the drawn figures, the disagreements (each named in {@link #details()}) and the picture's lag.
     */
    public record Verdict(int soldiers, int queued, int done, int failed, List<String> details, long lagP99Ms,
                          long lagMaxMs) {

        public int disagreements() {
            return details.size();
        }

        /** The line the app prints, after "garrison: ", in a fixed format scripts parse. */
        public String line() {
            return String.format(Locale.ROOT,
                    "picture: %d soldiers, %d queued, %d done, %d failed; disagreements %d; lag p99 %d ms, max %d ms",
                    soldiers, queued, done, failed, disagreements(), lagP99Ms, lagMaxMs);
        }
    }

    public static Verdict judge(Drawn drawn, Real real, PictureLag lag) {
        List<String> details = new ArrayList<>();
        Map<WorkerId, Soldier> standing = new HashMap<>();
        for (Soldier soldier : drawn.soldiers()) {
            if (!soldier.getState().isGone()) {
                standing.put(soldier.getId(), soldier);
            }
        }
        if (real.snapshot() != null) {
            for (PoolSnapshot.WorkerSnapshot worker : real.snapshot().workers()) {
                Soldier soldier = standing.remove(worker.id());
                if (soldier == null) {
                    details.add("worker " + worker.id() + " is alive but no soldier stands for it");
                } else if (worker.running() != isDrawnAtWork(soldier.getState())
                        || !worker.running() && soldier.getState() != SoldierState.IDLE) {
                    details.add("worker " + worker.id() + (worker.running() ? " runs a task" : " is idle")
                            + " but its soldier is drawn " + soldier.getState().name().toLowerCase(Locale.ROOT));
                }
            }
        }
        for (Soldier soldier : standing.values()) {
            details.add("soldier " + soldier.getId() + " is drawn " + soldier.getState().name().toLowerCase(Locale.ROOT)
                    + " but the pool has no such worker");
        }
        compare(details, "queued", drawn.queued(), real.queued());
        compare(details, "done in the tray", drawn.trayDone(), real.succeeded());
        compare(details, "failed in the tray", drawn.trayFailed(), real.failed());
        compare(details, "done in the status bar", drawn.statusDone(), real.succeeded());
        compare(details, "failed in the status bar", drawn.statusFailed(), real.failed());
        compare(details, "busy workers in the status bar", drawn.statusBusy(), real.running());
        return new Verdict(countStanding(drawn.soldiers()), drawn.queued(),
                drawn.trayDone(), drawn.trayFailed(), details, lag.p99(), lag.max());
    }

    /** A soldier walking to the queue has its task: it is at work as far as its worker is concerned. */
    private static boolean isDrawnAtWork(SoldierState state) {
        return state == SoldierState.WORKING || state == SoldierState.FETCHING;
    }

    private static int countStanding(Collection<Soldier> soldiers) {
        int count = 0;
        for (Soldier soldier : soldiers) {
            count += soldier.getState().isGone() ? 0 : 1;
        }
        return count;
    }

    private static void compare(List<String> details, String what, int drawn, int real) {
        if (drawn != real) {
            details.add(what + ": drawn " + drawn + ", the engine says " + real);
        }
    }
}
