package io.garrison.ui;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Dimension2D;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;

/**
 * Where a window opens and which of its bounds are worth remembering, from the screens' visual bounds alone (no
 * toolkit, so it is tested as plain values). A window opens where it was left when that still makes sense on
 * today's screens; otherwise it takes {@link #SCREEN_SHARE} of its home screen, up to its preferred size, centred.
 * Any thread.
 *
 * @param preferred the size a fresh window takes on a screen large enough for it
 * @param minimum   the smallest size the window's content is laid out for
 */
public record WindowPlacement(Dimension2D preferred, Dimension2D minimum) {

    /** A fresh window leaves a margin of the screen free, so it reads as a window and not as the desktop. */
    public static final double SCREEN_SHARE = 0.9;

    /**
     * The bounds a window opens with.
     *
     * @param savedSize     the size it was closed at, if any
     * @param savedPosition where it was closed (top-left corner, decorations included), if any
     * @param screens       every screen's visual bounds (the screen less its panels and docks)
     * @param home          the visual bounds of the screen a fresh window opens on
     */
    public Rectangle2D opening(Optional<Dimension2D> savedSize, Optional<Point2D> savedPosition,
                               List<Rectangle2D> screens, Rectangle2D home) {
        if (savedSize.isPresent()) {
            double width = savedSize.get().getWidth();
            double height = savedSize.get().getHeight();
            if (savedPosition.isPresent()) {
                Rectangle2D saved = new Rectangle2D(savedPosition.get().getX(), savedPosition.get().getY(), width, height);
                Optional<Rectangle2D> screen = screenOf(saved, screens);
                if (screen.isPresent() && fits(width, height, screen.get())) {
                    return pulledInside(saved, screen.get());
                }
            }
            if (fits(width, height, home)) {
                return centred(width, height, home);
            }
        }
        return fresh(home);
    }

    /**
     * True when {@code bounds} are worth opening with next time: no smaller than the minimum and no larger than
     * the visual bounds of a screen they are on. A window the window manager never sized (GTK's 200×200) or one
     * stretched across two screens is not remembered.
     */
    public boolean worthKeeping(Rectangle2D bounds, List<Rectangle2D> screens) {
        return screenOf(bounds, screens).filter(screen -> fits(bounds.getWidth(), bounds.getHeight(), screen))
                .isPresent();
    }

    /** The smallest size the window may take on {@code screen}: its minimum, unless the screen is smaller. */
    public Dimension2D minimumOn(Rectangle2D screen) {
        return new Dimension2D(Math.min(minimum.getWidth(), screen.getWidth()),
                Math.min(minimum.getHeight(), screen.getHeight()));
    }

    private Rectangle2D fresh(Rectangle2D home) {
        Dimension2D floor = minimumOn(home);
        double width = Math.max(floor.getWidth(), Math.min(preferred.getWidth(), Math.floor(home.getWidth() * SCREEN_SHARE)));
        double height = Math.max(floor.getHeight(), Math.min(preferred.getHeight(), Math.floor(home.getHeight() * SCREEN_SHARE)));
        return centred(width, height, home);
    }

    private boolean fits(double width, double height, Rectangle2D screen) {
        return Double.isFinite(width) && Double.isFinite(height)
                && width >= minimum.getWidth() && height >= minimum.getHeight()
                && width <= screen.getWidth() && height <= screen.getHeight();
    }

    /** The screen that holds most of {@code bounds}, if any holds part of it. */
    private static Optional<Rectangle2D> screenOf(Rectangle2D bounds, List<Rectangle2D> screens) {
        return screens.stream().filter(screen -> overlap(bounds, screen) > 0)
                .max(Comparator.comparingDouble(screen -> overlap(bounds, screen)));
    }

    private static double overlap(Rectangle2D a, Rectangle2D b) {
        double width = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double height = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return width > 0 && height > 0 ? width * height : 0;
    }

    /** Moved the least distance that brings the whole window, title bar first, onto the screen. */
    private static Rectangle2D pulledInside(Rectangle2D bounds, Rectangle2D screen) {
        double x = Math.max(screen.getMinX(), Math.min(bounds.getMinX(), screen.getMaxX() - bounds.getWidth()));
        double y = Math.max(screen.getMinY(), Math.min(bounds.getMinY(), screen.getMaxY() - bounds.getHeight()));
        return new Rectangle2D(x, y, bounds.getWidth(), bounds.getHeight());
    }

    private static Rectangle2D centred(double width, double height, Rectangle2D screen) {
        return new Rectangle2D(Math.floor(screen.getMinX() + (screen.getWidth() - width) / 2),
                Math.floor(screen.getMinY() + (screen.getHeight() - height) / 2), width, height);
    }
}
