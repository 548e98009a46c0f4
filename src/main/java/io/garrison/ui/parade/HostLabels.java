package io.garrison.ui.parade;

import io.garrison.engine.WorkerId;
import io.garrison.ui.i18n.I18n;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.layout.Pane;

/**
 * The small label above each host's group of soldiers, naming the host ("this PC" for this machine). Shown only
 * when soldiers stand for more than one host: a pool on this machine alone looks as it always did.
 *
 * <p>Threading: FX thread only.
 */
final class HostLabels {

    private final Pane pane = new Pane();
    private final Map<String, Label> labels = new HashMap<>();
    /** Measures the band a label needs, whether or not one is shown (presentation mode makes it bigger). */
    private final Label ruler = newLabel();

    HostLabels() {
        pane.setMouseTransparent(true);
        ruler.setVisible(false);
        ruler.setText("Xg");
        pane.getChildren().add(ruler);
    }

    /** The labels' layer, laid over the soldiers' area at its bounds. */
    Pane pane() {
        return pane;
    }

    /** The height of one label's band. */
    double height() {
        return ruler.prefHeight(-1) + 2;
    }

    /** Keeps one label for each of {@code hosts}, in {@code language}; none when there is only one host. */
    void layout(List<String> hosts, Locale language) {
        boolean shown = hosts.size() > 1;
        labels.keySet().removeIf(host -> {
            if (!shown || !hosts.contains(host)) {
                pane.getChildren().remove(labels.get(host));
                return true;
            }
            return false;
        });
        if (!shown) {
            return;
        }
        for (String host : hosts) {
            Label label = labels.computeIfAbsent(host, h -> {
                Label fresh = newLabel();
                pane.getChildren().add(fresh);
                return fresh;
            });
            label.setText(WorkerId.LOCAL.equals(host) ? I18n.get(language, "ui.parade.host.local") : host);
        }
    }

    /** Puts each label over its group's grid, as wide as the grid (a long host name is cut in its middle). */
    void place(List<String> hosts, HostGroupLayout.Placement placement) {
        for (int i = 0; i < hosts.size(); i++) {
            Label label = labels.get(hosts.get(i));
            if (label != null) {
                HostGroupLayout.Group group = placement.groups().get(i);
                label.resizeRelocate(group.x(), group.y(), group.width(), placement.labelHeight());
            }
        }
    }

    /** The label of {@code host}'s group, or null when none is shown (for tests). */
    Label labelOf(String host) {
        return labels.get(host);
    }

    private static Label newLabel() {
        Label label = new Label();
        label.getStyleClass().add("host-label");
        label.setAlignment(Pos.CENTER);
        label.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        label.setManaged(false);
        return label;
    }
}
