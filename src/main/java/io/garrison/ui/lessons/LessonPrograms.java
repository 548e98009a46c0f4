package io.garrison.ui.lessons;

import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * The Python program beside the Garrison one when both fit side by side with their longest lines whole, so the
 * eye can go across from one line to its twin; one above the other when they do not (a 1024×768 screen), and
 * wrapped only when a program's longest line is wider than the whole pane. No line is ever cut off. FX thread.
 */
final class LessonPrograms extends GridPane {

    /** Side by side, the programs are at most this tall, so Run stays near them on a laptop. */
    private static final int MAX_ROWS = 18;
    private static final double GAP = 10;
    /**
     * A text area's border and padding each side of its text, and its vertical scroll bar: what it needs beyond its
     * longest line to show that line whole.
     */
    private static final double AREA_CHROME = 36;

    private final Program python;
    private final Program java;
    private Layout layout;

    private enum Layout { SIDE_BY_SIDE, STACKED, WRAPPED }

    LessonPrograms(Label pythonTitle, TextArea pythonArea, Label javaTitle, TextArea javaArea) {
        python = new Program(pythonTitle, pythonArea);
        java = new Program(javaTitle, javaArea);
        getStyleClass().add("lesson-code");
        setHgap(GAP);
        setVgap(GAP);
        widthProperty().addListener((obs, old, now) -> arrange(now.doubleValue()));
        arrange(0);
    }

    /** True when a program's longest line fits its area without wrapping, for tests. */
    boolean linesWhole() {
        return layout != Layout.WRAPPED;
    }

    private void arrange(double width) {
        double pythonWidth = python.neededWidth();
        double javaWidth = java.neededWidth();
        Layout next;
        if (width == 0 || width >= pythonWidth + GAP + javaWidth) {
            next = Layout.SIDE_BY_SIDE;
        } else if (width >= Math.max(pythonWidth, javaWidth)) {
            next = Layout.STACKED;
        } else {
            next = Layout.WRAPPED;
        }
        if (next == layout) {
            return;
        }
        layout = next;
        getChildren().clear();
        getColumnConstraints().clear();
        boolean stacked = next != Layout.SIDE_BY_SIDE;
        int sharedRows = Math.min(MAX_ROWS, Math.max(python.rows(), java.rows()));
        // Side by side, both get the same height, so a line and its twin sit level. Stacked, each shows all its
        // lines: the page scrolls already, and a second scroll bar inside it would hide the end of the program.
        python.area.setPrefRowCount(stacked ? python.rows() : sharedRows);
        java.area.setPrefRowCount(stacked ? java.rows() : sharedRows);
        python.area.setWrapText(next == Layout.WRAPPED);
        java.area.setWrapText(next == Layout.WRAPPED);
        if (stacked) {
            getColumnConstraints().add(column(100));
            add(python.box, 0, 0);
            add(java.box, 0, 1);
        } else {
            // Each program gets the share of the width its longest line asks for (Java's lines are the longer).
            double pythonShare = 100 * pythonWidth / (pythonWidth + javaWidth);
            getColumnConstraints().addAll(column(pythonShare), column(100 - pythonShare));
            addRow(0, python.box, java.box);
        }
    }

    private static ColumnConstraints column(double percent) {
        ColumnConstraints column = new ColumnConstraints();
        column.setPercentWidth(percent);
        column.setHgrow(Priority.ALWAYS);
        return column;
    }

    /** One program: its title over its text area. */
    private static final class Program {
        private final TextArea area;
        private final VBox box;
        private final String longestLine;
        private final int lines;

        Program(Label title, TextArea area) {
            this.area = area;
            this.box = new VBox(4, title, area);
            this.longestLine = area.getText().lines().reduce("", (a, b) -> b.length() > a.length() ? b : a);
            this.lines = (int) area.getText().lines().count();
        }

        int rows() {
            return lines + 1;
        }

        /** The width that shows the longest line whole, in the area's font (set by the stylesheet once shown). */
        double neededWidth() {
            Text probe = new Text(longestLine);
            probe.setFont(area.getFont());
            return Math.ceil(probe.getLayoutBounds().getWidth()) + AREA_CHROME;
        }
    }
}
