package io.garrison.ui;

import io.garrison.ui.settings.UserSettings;
import java.util.List;
import java.util.Optional;
import java.util.prefs.Preferences;
import javafx.event.EventHandler;
import javafx.geometry.Dimension2D;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * A stage that opens where {@link WindowPlacement} says and whose bounds are kept in {@link Preferences} under
 * {@code PREFIX.x}, {@code .y}, {@code .width} and {@code .height} when it closes, if they are worth keeping.
 * FX thread.
 *
 * <p>The bounds are given to the stage twice, before it shows and again once it shows: under a window manager
 * (openbox), JavaFX 21's GTK glass drops a size set before the window is mapped and leaves the window at GTK's
 * default 200×200, or at its minimum size when one is set, while the stage reports the size asked for until the
 * window manager's answer arrives. A size set once the window is shown is honoured. (It looks like JDK-8316423,
 * fixed in JavaFX 22.)
 */
public final class RememberedWindow {

    private final Preferences node;
    private final String prefix;
    private final WindowPlacement placement;

    /**
     * @param node      where the bounds are kept
     * @param prefix    the keys' prefix, one per kind of window
     * @param placement the window's preferred and minimum sizes
     */
    public RememberedWindow(Preferences node, String prefix, WindowPlacement placement) {
        this.node = node;
        this.prefix = prefix;
        this.placement = placement;
    }

    /** The bounds kept under {@code prefix} in the user's settings for this app ({@link UserSettings}). */
    public static RememberedWindow forUser(String prefix, WindowPlacement placement) {
        return new RememberedWindow(UserSettings.node(), prefix, placement);
    }

    /**
     * Sizes and places {@code stage} before it shows, on the screen of {@code near} when it is given (else on the
     * primary screen), and keeps its bounds when it closes.
     */
    public void place(Stage stage, Window near) {
        List<Rectangle2D> screens = visualBounds();
        Rectangle2D home = homeScreen(near);
        Rectangle2D bounds = placement.opening(savedSize(), savedPosition(), screens, home);
        Dimension2D minimum = placement.minimumOn(home);
        stage.setMinWidth(minimum.getWidth());
        stage.setMinHeight(minimum.getHeight());
        apply(stage, bounds);
        // Anonymous classes, not lambdas, on the app's start-up path (decision 0009).
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, new EventHandler<WindowEvent>() {
            @Override
            public void handle(WindowEvent event) {
                stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
                apply(stage, bounds);
            }
        });
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, new EventHandler<WindowEvent>() {
            @Override
            public void handle(WindowEvent event) {
                save(stage);
            }
        });
    }

    /** The bounds last kept, for tests and for a look at what the next start will do. */
    public Optional<Rectangle2D> saved() {
        return savedSize().flatMap(size -> savedPosition()
                .map(corner -> new Rectangle2D(corner.getX(), corner.getY(), size.getWidth(), size.getHeight())));
    }

    /** Keeps the stage's bounds if they are worth opening with next time; a maximised or iconified stage's are not. */
    void save(Stage stage) {
        if (stage.isIconified() || stage.isMaximized() || stage.isFullScreen()) {
            return;
        }
        Rectangle2D bounds = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        if (placement.worthKeeping(bounds, visualBounds())) {
            node.putDouble(prefix + ".x", bounds.getMinX());
            node.putDouble(prefix + ".y", bounds.getMinY());
            node.putDouble(prefix + ".width", bounds.getWidth());
            node.putDouble(prefix + ".height", bounds.getHeight());
        }
    }

    private static void apply(Stage stage, Rectangle2D bounds) {
        stage.setX(bounds.getMinX());
        stage.setY(bounds.getMinY());
        stage.setWidth(bounds.getWidth());
        stage.setHeight(bounds.getHeight());
    }

    private Optional<Dimension2D> savedSize() {
        double width = node.getDouble(prefix + ".width", Double.NaN);
        double height = node.getDouble(prefix + ".height", Double.NaN);
        return Double.isNaN(width) || Double.isNaN(height) ? Optional.empty() : Optional.of(new Dimension2D(width, height));
    }

    private Optional<Point2D> savedPosition() {
        double x = node.getDouble(prefix + ".x", Double.NaN);
        double y = node.getDouble(prefix + ".y", Double.NaN);
        return Double.isNaN(x) || Double.isNaN(y) ? Optional.empty() : Optional.of(new Point2D(x, y));
    }

    private static List<Rectangle2D> visualBounds() {
        return Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
    }

    /** The screen that shows most of {@code near}, or the primary screen. */
    private static Rectangle2D homeScreen(Window near) {
        if (near != null && near.isShowing()) {
            List<Screen> under = Screen.getScreensForRectangle(near.getX(), near.getY(), near.getWidth(), near.getHeight());
            if (!under.isEmpty()) {
                return under.get(0).getVisualBounds();
            }
        }
        return Screen.getPrimary().getVisualBounds();
    }
}
