package io.garrison.ui.parade;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each host's soldiers stand on the parade ground: every host's places form a grid of their own, under the
 * host's label, and all soldiers are drawn at one scale, the biggest at which every group fits. The groups stand
 * either one above the other (sharing their columns) or side by side (sharing their rows), whichever lets the
 * soldiers be bigger. A single group has no label and stands as the one grid the ground always had.
 *
 * <p>Pure arithmetic, no scene graph: any thread.
 */
final class HostGroupLayout {

    /**
     * One host's grid.
     *
     * @param x       left of the grid and of its label
     * @param y       top of its label; its soldiers stand from {@code y + labelHeight}
     * @param width   the grid's width, which its label may take
     * @param columns places on one row
     */
    record Group(double x, double y, double width, int columns) {
    }

    /**
     * @param scale       the soldiers' scale
     * @param cellWidth   one place's width at that scale
     * @param cellHeight  one place's height
     * @param labelHeight the band above each grid for its label: 0 for a single group
     * @param groups      in the order of the sizes given
     */
    record Placement(double scale, double cellWidth, double cellHeight, double labelHeight, List<Group> groups) {

        /** The top left corner of place {@code slot} of group {@code group}. */
        double[] cell(int group, int slot) {
            Group g = groups.get(group);
            return new double[] {g.x() + (slot % g.columns()) * cellWidth,
                    g.y() + labelHeight + (slot / g.columns()) * cellHeight};
        }
    }

    private HostGroupLayout() {
    }

    /**
     * @param places      each group's number of places (its highest place + 1), at least one each
     * @param labelHeight the height of a host's label, used only when there is more than one group
     * @param gap         the space between two groups
     */
    static Placement of(List<Integer> places, double w, double h, double designW, double designH, double maxScale,
                        double labelHeight, double gap) {
        int count = places.size();
        double label = count > 1 ? labelHeight : 0;
        double between = Math.max(0, count - 1) * gap;
        int most = places.stream().mapToInt(Integer::intValue).max().orElse(1);
        double bestScale = -1;
        boolean bestStacked = true;
        int bestSpan = 1;
        for (int span = 1; span <= most; span++) {
            // Stacked: span columns shared by every group. On a tie, more columns: fewer rows read as a parade.
            int rows = 0;
            for (int n : places) {
                rows += ceil(n, span);
            }
            double stacked = Math.min(maxScale, Math.min(w / (span * designW),
                    (h - count * label - between) / (rows * designH)));
            if (stacked >= bestScale) {
                bestScale = stacked;
                bestStacked = true;
                bestSpan = span;
            }
        }
        if (count > 1) {
            for (int span = 1; span <= most; span++) {
                // Side by side: span rows shared by every group; taken only where the soldiers are bigger.
                int columns = 0;
                for (int n : places) {
                    columns += ceil(n, span);
                }
                double beside = Math.min(maxScale, Math.min((w - between) / (columns * designW),
                        (h - label) / (span * designH)));
                if (beside > bestScale) {
                    bestScale = beside;
                    bestStacked = false;
                    bestSpan = span;
                }
            }
        }
        double scale = Math.max(0.05, bestScale);
        double cellW = designW * scale;
        double cellH = designH * scale;
        List<Group> groups = new ArrayList<>();
        if (bestStacked) {
            int rows = 0;
            for (int n : places) {
                rows += ceil(n, bestSpan);
            }
            double x = (w - bestSpan * cellW) / 2;
            double y = Math.max(0, (h - rows * cellH - count * label - between) / 2);
            for (int n : places) {
                groups.add(new Group(x, y, bestSpan * cellW, bestSpan));
                y += label + ceil(n, bestSpan) * cellH + gap;
            }
        } else {
            int columns = 0;
            for (int n : places) {
                columns += ceil(n, bestSpan);
            }
            double x = (w - columns * cellW - between) / 2;
            double y = Math.max(0, (h - bestSpan * cellH - label) / 2);
            for (int n : places) {
                int own = ceil(n, bestSpan);
                groups.add(new Group(x, y, own * cellW, own));
                x += own * cellW + gap;
            }
        }
        return new Placement(scale, cellW, cellH, label, groups);
    }

    private static int ceil(int n, int by) {
        return (n + by - 1) / by;
    }
}
