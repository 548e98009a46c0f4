package io.garrison.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Dimension2D;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class WindowPlacementTest {

    private static final WindowPlacement MAIN = new WindowPlacement(new Dimension2D(1440, 900), new Dimension2D(800, 560));
    private static final Rectangle2D SMALL = new Rectangle2D(0, 0, 1024, 768);
    private static final Rectangle2D WIDE = new Rectangle2D(0, 0, 1280, 720);
    private static final Rectangle2D LARGE = new Rectangle2D(0, 0, 1600, 1000);
    /** A 1920×1080 screen right of the small one, with a 40 px panel at its top. */
    private static final Rectangle2D SECOND = new Rectangle2D(1024, 40, 1920, 1040);

    @Test
    void aFreshWindowTakesNineTenthsOfASmallScreenCentred() {
        Rectangle2D bounds = MAIN.opening(Optional.empty(), Optional.empty(), List.of(SMALL), SMALL);

        assertThat(bounds).isEqualTo(new Rectangle2D(51, 38, 921, 691));
        assertThat(inside(bounds, SMALL)).isTrue();
    }

    @Test
    void aFreshWindowOnAWideLowScreenFitsItsHeight() {
        Rectangle2D bounds = MAIN.opening(Optional.empty(), Optional.empty(), List.of(WIDE), WIDE);

        assertThat(bounds).isEqualTo(new Rectangle2D(64, 36, 1152, 648));
    }

    @Test
    void aFreshWindowOnALargeScreenTakesItsPreferredSize() {
        Rectangle2D bounds = MAIN.opening(Optional.empty(), Optional.empty(), List.of(LARGE), LARGE);

        assertThat(bounds).isEqualTo(new Rectangle2D(80, 50, 1440, 900));
    }

    @Test
    void aFreshWindowOnAScreenSmallerThanItsMinimumTakesTheWholeScreen() {
        Rectangle2D tiny = new Rectangle2D(0, 0, 640, 480);

        Rectangle2D bounds = MAIN.opening(Optional.empty(), Optional.empty(), List.of(tiny), tiny);

        assertThat(bounds).isEqualTo(tiny);
        assertThat(MAIN.minimumOn(tiny)).isEqualTo(new Dimension2D(640, 480));
    }

    @Test
    void aFreshWindowOpensOnItsHomeScreenBelowItsPanel() {
        Rectangle2D bounds = MAIN.opening(Optional.empty(), Optional.empty(), List.of(SMALL, SECOND), SECOND);

        assertThat(bounds).isEqualTo(new Rectangle2D(1264, 110, 1440, 900));
    }

    @Test
    void aSavedPlaceOnTodaysScreensIsKept() {
        Rectangle2D bounds = MAIN.opening(size(900, 700), corner(20, 30), List.of(SMALL), SMALL);

        assertThat(bounds).isEqualTo(new Rectangle2D(20, 30, 900, 700));
    }

    @Test
    void aSavedPlaceOnTheSecondScreenIsKept() {
        Rectangle2D bounds = MAIN.opening(size(1200, 800), corner(1300, 100), List.of(SMALL, SECOND), SMALL);

        assertThat(bounds).isEqualTo(new Rectangle2D(1300, 100, 1200, 800));
    }

    @Test
    void aSavedPlaceHangingOffTheScreenIsPulledBackOntoIt() {
        Rectangle2D bounds = MAIN.opening(size(900, 700), corner(-208, -44), List.of(SMALL), SMALL);

        assertThat(bounds).isEqualTo(new Rectangle2D(0, 0, 900, 700));
    }

    @Test
    void aSavedPlaceOnAScreenThatIsGoneOpensCentredOnTheHomeScreen() {
        Rectangle2D bounds = MAIN.opening(size(900, 700), corner(1300, 100), List.of(SMALL), SMALL);

        assertThat(bounds).isEqualTo(new Rectangle2D(62, 34, 900, 700));
    }

    @Test
    void aSavedSizeWithoutAPlaceOpensCentred() {
        Rectangle2D bounds = MAIN.opening(size(1000, 700), Optional.empty(), List.of(LARGE), LARGE);

        assertThat(bounds).isEqualTo(new Rectangle2D(300, 150, 1000, 700));
    }

    @Test
    void aSavedSizeSmallerThanTheMinimumIsNotUsed() {
        Rectangle2D bounds = MAIN.opening(size(200, 200), corner(2, 51), List.of(LARGE), LARGE);

        assertThat(bounds).isEqualTo(new Rectangle2D(80, 50, 1440, 900));
    }

    @Test
    void aSavedSizeLargerThanTheScreenIsNotUsed() {
        Rectangle2D bounds = MAIN.opening(size(1440, 900), corner(0, 0), List.of(SMALL), SMALL);

        assertThat(bounds).isEqualTo(new Rectangle2D(51, 38, 921, 691));
    }

    @Test
    void aSavedSizeThatIsNotANumberIsNotUsed() {
        Rectangle2D bounds = MAIN.opening(size(Double.POSITIVE_INFINITY, 700), corner(0, 0), List.of(SMALL), SMALL);

        assertThat(bounds).isEqualTo(new Rectangle2D(51, 38, 921, 691));
    }

    @Test
    void onlyBoundsThatFitAScreenTheyAreOnAreWorthKeeping() {
        assertThat(MAIN.worthKeeping(new Rectangle2D(51, 38, 921, 691), List.of(SMALL))).isTrue();
        assertThat(MAIN.worthKeeping(new Rectangle2D(2, 51, 200, 200), List.of(SMALL))).isFalse();
        assertThat(MAIN.worthKeeping(new Rectangle2D(-208, -44, 1440, 900), List.of(SMALL))).isFalse();
        assertThat(MAIN.worthKeeping(new Rectangle2D(3000, 0, 900, 700), List.of(SMALL, SECOND))).isFalse();
        assertThat(MAIN.worthKeeping(new Rectangle2D(1100, 100, 1200, 800), List.of(SMALL, SECOND))).isTrue();
    }

    private static Optional<Dimension2D> size(double width, double height) {
        return Optional.of(new Dimension2D(width, height));
    }

    private static Optional<Point2D> corner(double x, double y) {
        return Optional.of(new Point2D(x, y));
    }

    private static boolean inside(Rectangle2D bounds, Rectangle2D screen) {
        return bounds.getMinX() >= screen.getMinX() && bounds.getMinY() >= screen.getMinY()
                && bounds.getMaxX() <= screen.getMaxX() && bounds.getMaxY() <= screen.getMaxY();
    }
}
