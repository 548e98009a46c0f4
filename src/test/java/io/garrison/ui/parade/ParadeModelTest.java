package io.garrison.ui.parade;

import static org.assertj.core.api.Assertions.assertThat;

import io.garrison.engine.PoolEvent;
import io.garrison.engine.PoolSnapshot;
import io.garrison.engine.PoolState;
import io.garrison.engine.WorkerId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParadeModelTest {

    private final ParadeModel model = new ParadeModel();

    @Test
    void aStartedWorkerBecomesAnIdleSoldierWithItsPid() {
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 101, 50), new PoolEvent.WorkerStarted(0, 102, 60),
                new PoolEvent.PoolStateChanged(0, PoolState.RUNNING, 2)), 0);

        assertThat(model.soldiers()).extracting(Soldier::getPid).containsExactly(101L, 102L);
        assertThat(model.soldiers()).extracting(Soldier::getState).containsOnly(SoldierState.IDLE);
        assertThat(model.poolStateProperty().get()).isEqualTo(PoolState.RUNNING);
    }

    @Test
    void twoWorkersWithTheSamePidOnDifferentHostsAreTwoSoldiersEachWithItsOwnNews() {
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 500, 50),
                new PoolEvent.WorkerStarted(0, 500, 50, "lab-pc-07")), 0);
        model.apply(List.of(new PoolEvent.TaskStarted(10, 0, 1, "3", 500, 1, "lab-pc-07")), 1000);
        model.tick(1000 + ParadeModel.FETCH_MS);

        assertThat(model.soldiers()).hasSize(2);
        assertThat(model.soldier(new WorkerId("lab-pc-07", 500)).getState()).isEqualTo(SoldierState.WORKING);
        assertThat(model.soldier(500).getState()).as("this PC's worker 500 runs nothing").isEqualTo(SoldierState.IDLE);
        assertThat(model.soldier(new WorkerId("lab-pc-07", 500)).getName()).isEqualTo("lab-pc-07 \u00b7 500");
        assertThat(model.soldier(500).getName()).isEqualTo("PID 500");

        model.apply(List.of(new PoolEvent.WorkerExited(20, 500, -9, false, "killed", "lab-pc-07"),
                new PoolEvent.WorkerStarted(30, 501, 50)), 2000);
        assertThat(model.soldier(501).replaces()).as("a worker of this PC does not take a remote one's place")
                .isNull();
        model.apply(List.of(new PoolEvent.WorkerStarted(40, 502, 50, "lab-pc-07")), 2000);
        assertThat(model.soldier(new WorkerId("lab-pc-07", 502)).replaces())
                .isSameAs(model.soldier(new WorkerId("lab-pc-07", 500)));
        assertThat(model.soldier(500).getState()).isEqualTo(SoldierState.IDLE);
    }

    @Test
    void aTaskIsSeenFetchedWorkedOnAndDeliveredEachStepLongEnoughToSee() {
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50)), 0);
        model.apply(List.of(new PoolEvent.TaskStarted(0, 0, 1, "3", 7, 1),
                new PoolEvent.TaskSucceeded(1, 0, 1, "3", 7, "9", 1, "")), 1000);
        Soldier soldier = model.soldier(7);

        assertThat(soldier.getState()).isEqualTo(SoldierState.FETCHING);
        model.tick(1000 + ParadeModel.FETCH_MS);
        assertThat(soldier.getState()).isEqualTo(SoldierState.WORKING);
        assertThat(soldier.getCard()).isEqualTo("3");
        long delivering = 1000 + ParadeModel.FETCH_MS + ParadeModel.WORK_MS;
        model.tick(delivering);
        assertThat(soldier.getState()).isEqualTo(SoldierState.DELIVERING);
        assertThat(soldier.getCard()).isEqualTo("3 \u2192 9");
        assertThat(model.succeededCards()).as("still being carried").isEmpty();
        model.tick(delivering + ParadeModel.DELIVER_MS);
        assertThat(soldier.getState()).isEqualTo(SoldierState.IDLE);
        assertThat(soldier.getTasksDone()).isEqualTo(1);
        assertThat(model.succeededCards()).containsExactly("3 \u2192 9");
        assertThat(model.succeededShownProperty().get()).isEqualTo(1);
    }

    @Test
    void slowFramesDoNotMakeThePictureFallBehind() {
        model.fitToPace(500);
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50)), 0);
        model.apply(List.of(new PoolEvent.TaskStarted(0, 0, 1, "3", 7, 1),
                new PoolEvent.TaskSucceeded(1, 0, 1, "3", 7, "9", 1, "")), 1000);

        model.tick(1450);

        assertThat(model.soldier(7).getState()).as("all three steps fit in one 500 ms pace, even at 2 frames a second")
                .isEqualTo(SoldierState.IDLE);
    }

    @Test
    void aTaskHandedOutButNotYetFetchedStaysInThePicturesQueue() {
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50)), 0);
        model.apply(List.of(new PoolEvent.TaskStarted(0, 0, 1, "1", 7, 1),
                new PoolEvent.TaskSucceeded(0, 0, 1, "1", 7, "1", 0, ""),
                new PoolEvent.TaskStarted(0, 1, 2, "2", 7, 1)), 1000);

        assertThat(model.soldier(7).getState()).isEqualTo(SoldierState.FETCHING);
        assertThat(model.pendingFetches()).extracting(ParadeModel.Phase::card).containsExactly("2");
    }

    @Test
    void inAPacedPoolATasksStepsStillFitTheTimeThatKeepsThePictureWithinASecond() {
        model.fitToPace(5000);
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50), new PoolEvent.WorkerStarted(0, 8, 50)), 0);
        model.apply(List.of(new PoolEvent.TaskStarted(0, 0, 1, "1", 7, 1),
                new PoolEvent.TaskSucceeded(0, 0, 1, "1", 7, "1", 0, "")), 1000);

        model.tick(1000 + ParadeModel.SHOW_BUDGET_MS - 20);
        assertThat(model.soldier(7).getState()).as("seen at work for a while").isEqualTo(SoldierState.WORKING);
        model.tick(1000 + ParadeModel.SHOW_BUDGET_MS + 20);
        assertThat(model.soldier(7).getState()).as("the result shown within the budget, however slow the pace")
                .isEqualTo(SoldierState.DELIVERING);
    }

    @Test
    void aWorkingSoldierKeepsWorkingUntilItsTaskEnds() {
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50), new PoolEvent.TaskStarted(0, 0, 1, "500", 7, 1)), 0);
        model.tick(10_000);
        assertThat(model.soldier(7).getState()).isEqualTo(SoldierState.WORKING);
    }

    @Test
    void aBurstInOneFrameIsSummedUpAsOneBundle() {
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50)), 0);
        List<PoolEvent> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add(new PoolEvent.TaskStarted(0, i, i + 1, String.valueOf(i), 7, 1));
            burst.add(new PoolEvent.TaskSucceeded(0, i, i + 1, String.valueOf(i), 7, String.valueOf(i * i), 0, ""));
        }
        model.apply(burst, 1000);

        Soldier soldier = model.soldier(7);
        assertThat(soldier.getState()).isEqualTo(SoldierState.FETCHING);
        assertThat(soldier.getBundle()).isEqualTo(50);
        assertThat(soldier.pending).hasSizeLessThanOrEqualTo(ParadeModel.MAX_PENDING);
        assertThat(soldier.getTasksDone()).isEqualTo(50);
        assertThat(model.succeededShownProperty().get()).as("the tray fills when the bundle is delivered").isZero();
        model.tick(1000 + ParadeModel.FETCH_MS + ParadeModel.DELIVER_MS);
        assertThat(model.succeededShownProperty().get()).isEqualTo(50);
        assertThat(model.succeededCards()).hasSize(ParadeModel.TRAY_CARDS).first().isEqualTo("49 \u2192 2401");
    }

    @Test
    void aSoldierWhoseTasksOutpaceThePictureIsSeenFetchingWorkingAndDeliveringAndLosesNoTask() {
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50)), 0);
        Set<SoldierState> seen = EnumSet.noneOf(SoldierState.class);
        int tasks = 0;
        // A 50 ms task after another, far quicker than the picture's steps, for 6 s; a frame every 16 ms.
        for (long now = 16; now <= 6000; now += 16) {
            List<PoolEvent> frame = new ArrayList<>();
            if (now / 50 > tasks) {
                if (tasks > 0) {
                    frame.add(new PoolEvent.TaskSucceeded(now, tasks - 1, tasks, "50", 7, "50", 50, ""));
                }
                frame.add(new PoolEvent.TaskStarted(now, tasks, tasks + 1, "50", 7, 1));
                tasks++;
            }
            model.apply(frame, now);
            seen.add(model.soldier(7).getState());
        }
        model.apply(List.of(new PoolEvent.TaskSucceeded(6000, tasks - 1, tasks, "50", 7, "50", 50, "")), 6000);
        model.tick(60_000);

        assertThat(seen).as("states seen over the run").contains(SoldierState.FETCHING, SoldierState.WORKING,
                SoldierState.DELIVERING);
        assertThat(model.succeededShownProperty().get()).as("every task reached the tray").isEqualTo(tasks);
    }

    @Test
    void theBadgeReadsTerminatedOnlyOnceTheSoldiersAreSeenToHaveStopped() {
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50),
                new PoolEvent.PoolStateChanged(0, PoolState.RUNNING, 1)), 0);
        model.apply(List.of(new PoolEvent.TaskStarted(0, 0, 1, "3", 7, 1)), 100);
        // The engine is done long before the picture: the result, the worker's exit and the pool's end at once.
        model.apply(List.of(new PoolEvent.TaskSucceeded(0, 0, 1, "3", 7, "9", 1, ""),
                new PoolEvent.WorkerExited(0, 7, 0, true, "the pool closed"),
                new PoolEvent.PoolStateChanged(0, PoolState.TERMINATED, 1)), 120);

        assertThat(model.poolStateProperty().get()).as("while the soldier is still seen fetching")
                .isEqualTo(PoolState.RUNNING);
        long end = 120;
        while (model.soldier(7) != null && model.soldier(7).getState() != SoldierState.LEAVING && end < 20_000) {
            end += 16;
            model.tick(end);
            if (model.soldier(7) != null && model.soldier(7).getState() != SoldierState.LEAVING) {
                assertThat(model.poolStateProperty().get()).as("at %d ms, soldier %s", end, model.soldier(7).getState())
                        .isEqualTo(PoolState.RUNNING);
            }
        }
        model.tick(end + 16);
        assertThat(model.poolStateProperty().get()).isEqualTo(PoolState.TERMINATED);
    }

    @Test
    void aKilledWorkerFallsThenLeavesAndItsRetriedTaskIsShown() {
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50), new PoolEvent.TaskStarted(0, 0, 1, "1", 7, 1)), 0);
        model.tick(1000);
        model.apply(List.of(
                new PoolEvent.TaskFailed(0, 0, 1, "1", 7, "worker 7 was killed by signal 9", -1, 5, 1, true, ""),
                new PoolEvent.WorkerExited(0, 7, 137, false, "killed by signal 9"),
                new PoolEvent.WorkerStarted(0, 8, 60)), 2000);
        Soldier fallen = model.soldier(7);

        assertThat(fallen.getState()).isEqualTo(SoldierState.FAILED);
        assertThat(fallen.isRetryShown()).isTrue();
        assertThat(model.failedCards()).as("a retried task is not a final failure").isEmpty();
        model.apply(List.of(new PoolEvent.TaskFailed(0, 5, 6, "x", 0, "line 6: not an integer", 0, 0, 0, false, "")),
                2000);
        assertThat(model.failedCards()).as("an invalid line goes straight to the tray").containsExactly("x");
        model.tick(2000 + ParadeModel.FAILED_MS);
        assertThat(fallen.getState()).isEqualTo(SoldierState.DEAD);
        model.tick(2000 + ParadeModel.FAILED_MS + ParadeModel.DEAD_MS);
        assertThat(model.soldiers()).extracting(Soldier::getPid).containsExactly(8L);
    }

    @Test
    void aWorkerThePoolLetsGoMarchesOffInsteadOfFalling() {
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50)), 0);
        model.apply(List.of(new PoolEvent.WorkerExited(0, 7, 0, true, "the pool shrank")), 1000);

        assertThat(model.soldier(7).getState()).isEqualTo(SoldierState.LEAVING);
        model.tick(1000 + ParadeModel.DEAD_MS);
        assertThat(model.soldiers()).isEmpty();
    }

    @Test
    void pacingStretchesTheStepsToAboutOnePaceInterval() {
        model.fitToPace(1000);
        assertThat(model.walkMsProperty().get() * 2 + model.workDwellMsProperty().get()).isLessThanOrEqualTo(1000);
        assertThat(model.workDwellMsProperty().get()).isPositive();
        model.fitToPace(0);
        assertThat(model.workDwellMsProperty().get()).isEqualTo(ParadeModel.WORK_MS);
    }

    @Test
    void aWholePoolSettingOffAtOnceIsSeenOverAFewFramesWithoutFallingBehind() {
        List<PoolEvent> joined = new ArrayList<>();
        List<PoolEvent> firstTasks = new ArrayList<>();
        for (int pid = 1; pid <= 64; pid++) {
            joined.add(new PoolEvent.WorkerStarted(0, pid, 50));
            firstTasks.add(new PoolEvent.TaskStarted(0, pid, pid, "50", pid, 1));
        }
        model.apply(joined, 0);

        model.apply(firstTasks, 1000);
        model.tick(1012);
        assertThat(fetching()).as("the frame's events and its animation tick share one frame's changes, even apart")
                .isEqualTo(ParadeModel.MAX_CHANGES_PER_FRAME);
        for (long frame = 1; frame < 64 / ParadeModel.MAX_CHANGES_PER_FRAME; frame++) {
            model.tick(1000 + 17 * frame);
        }
        assertThat(fetching()).isEqualTo(64);
        Soldier last = model.soldier(64);
        assertThat(last.phaseSinceMs).as("a soldier seen setting off late is timed from when it was due").isEqualTo(1000);
    }

    @Test
    void whenEverySoldierHasAStepDueEachFrameTheOnesAtTheEndOfTheLineAreNotLeftWaiting() {
        List<PoolEvent> joined = new ArrayList<>();
        List<PoolEvent> twoTasksEach = new ArrayList<>();
        for (int pid = 1; pid <= 64; pid++) {
            joined.add(new PoolEvent.WorkerStarted(0, pid, 50));
            for (int task = 0; task < 2; task++) {
                twoTasksEach.add(new PoolEvent.TaskStarted(1000, task, task, "50", pid, 1));
                twoTasksEach.add(new PoolEvent.TaskSucceeded(1000, task, task, "50", pid, "50", 1, ""));
            }
        }
        model.apply(joined, 0);

        model.apply(twoTasksEach, 1000);
        // Frames far apart (a busy machine): every soldier that has set off is due for its next step each time.
        Set<Long> seenMoving = new HashSet<>();
        for (long frame = 1; frame <= 4; frame++) {
            model.tick(1000 + 300 * frame);
            model.soldiers().stream().filter(s -> s.getState() != SoldierState.IDLE || s.getTasksDone() > 0 && s.pending.isEmpty())
                    .forEach(s -> seenMoving.add(s.getPid()));
        }

        assertThat(seenMoving).as("every soldier seen moving within a second of its news").hasSize(64);
        assertThat(model.lag().max()).isLessThanOrEqualTo(ParadeModel.CATCH_UP_MS + 300);
    }

    @Test
    void aSoldierWhoseTaskWasGivenBackUnstartedIsNotLeftWorkingOnIt() {
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50), new PoolEvent.WorkerStarted(0, 8, 50)), 0);
        model.apply(List.of(new PoolEvent.TaskStarted(1000, 0, 1, "2500", 7, 1)), 1000);
        // The same task begins on the other worker: the first one no longer has it, whatever the news said.
        model.apply(List.of(new PoolEvent.TaskStarted(1100, 0, 1, "2500", 8, 1)), 1100);

        model.tick(3000);

        assertThat(model.soldier(7).getState()).isEqualTo(SoldierState.IDLE);
        assertThat(model.soldier(8).getState()).isEqualTo(SoldierState.WORKING);
    }

    @Test
    void theEnginesOwnStateMendsWhatTheEventsMissed() {
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50), new PoolEvent.WorkerStarted(0, 8, 50),
                new PoolEvent.WorkerStarted(0, 9, 50)), 0);
        // Worker 7's task ended and worker 9 left, but the window never heard: the news was lost.
        model.apply(List.of(new PoolEvent.TaskStarted(100, 0, 1, "5", 7, 1),
                new PoolEvent.TaskStarted(100, 1, 2, "5", 8, 1)), 100);
        model.tick(1000);
        assertThat(model.soldier(7).getState()).isEqualTo(SoldierState.WORKING);

        int mended = model.reconcile(new PoolSnapshot(2000, PoolState.RUNNING, 0, List.of(
                new PoolSnapshot.WorkerSnapshot(WorkerId.local(7), false),
                new PoolSnapshot.WorkerSnapshot(WorkerId.local(8), true))), 2000);
        model.tick(2100);

        assertThat(mended).isEqualTo(2);
        assertThat(model.soldier(7).getState()).isEqualTo(SoldierState.IDLE);
        assertThat(model.soldier(8).getState()).as("the engine agrees it works").isEqualTo(SoldierState.WORKING);
        assertThat(model.soldier(9).getState()).isEqualTo(SoldierState.DEAD);
        model.tick(2100 + ParadeModel.DEAD_MS);
        assertThat(model.soldiers()).extracting(Soldier::getPid).containsExactly(7L, 8L);
    }

    @Test
    void aReconciliationLeavesAloneNewsThatMayStillBeOnItsWay() {
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50)), 0);
        model.apply(List.of(new PoolEvent.TaskStarted(1900, 0, 1, "5", 7, 1)), 1900);

        int mended = model.reconcile(new PoolSnapshot(2000, PoolState.RUNNING, 0,
                List.of(new PoolSnapshot.WorkerSnapshot(WorkerId.local(7), false))), 2000);

        assertThat(mended).isZero();
        assertThat(model.soldier(7).isRunningInTruth()).isTrue();
    }

    @Test
    void aReplacementIsGivenTheFallenSoldiersPlace() {
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50), new PoolEvent.WorkerStarted(0, 8, 50)), 0);
        Soldier fallen = model.soldier(7);
        model.apply(List.of(new PoolEvent.WorkerExited(100, 7, -9, false, "killed by signal 9")), 100);
        model.apply(List.of(new PoolEvent.WorkerStarted(300, 9, 50)), 300);

        assertThat(model.soldier(9).replaces()).isSameAs(fallen);
    }

    @Test
    void closeRunningItsCourseIsNotShownAsTerminate() {
        model.apply(List.of(new PoolEvent.WorkerStarted(0, 7, 50),
                new PoolEvent.PoolStateChanged(10, PoolState.CLOSED, 1, false),
                new PoolEvent.WorkerExited(20, 7, 0, true, "the pool closed"),
                new PoolEvent.PoolStateChanged(30, PoolState.TERMINATED, 1, false)), 100);
        model.tick(100 + ParadeModel.DEAD_MS);

        assertThat(model.poolStateProperty().get()).isEqualTo(PoolState.TERMINATED);
        assertThat(PoolStage.of(model.poolStateProperty().get(), model.terminateCalledProperty().get()))
                .isEqualTo(PoolStage.CLOSED);
    }

    @Test
    void thePictureIsNeverMoreThanItsCatchUpTimeBehindHoweverFastTheNewsComes() {
        List<PoolEvent> joined = new ArrayList<>();
        for (int pid = 1; pid <= 64; pid++) {
            joined.add(new PoolEvent.WorkerStarted(0, pid, 50));
        }
        model.apply(joined, 0);
        int task = 0;
        // 64 workers finishing a task each every 20 ms, for 10 s, at 10 frames a second (a machine struggling).
        for (long now = 100; now <= 10_000; now += 100) {
            List<PoolEvent> frame = new ArrayList<>();
            for (long at = now - 100; at < now; at += 20) {
                for (int pid = 1; pid <= 64; pid++) {
                    frame.add(new PoolEvent.TaskStarted(at, task, task, "x", pid, 1));
                    frame.add(new PoolEvent.TaskSucceeded(at + 10, task, task, "x", pid, "y", 10, ""));
                    task++;
                }
            }
            model.apply(frame, now);
        }
        for (long now = 10_100; now <= 13_000; now += 100) {
            model.tick(now);
        }

        assertThat(model.lag().max()).isLessThanOrEqualTo(ParadeModel.CATCH_UP_MS + 200);
        assertThat(model.succeededShownProperty().get()).as("every task reached the tray").isEqualTo(task);
    }

    private long fetching() {
        return model.soldiers().stream().filter(s -> s.getState() == SoldierState.FETCHING).count();
    }
}
