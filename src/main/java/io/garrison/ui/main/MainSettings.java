package io.garrison.ui.main;

import io.garrison.task.TaskOptions;
import io.garrison.ui.hosts.HostsFile;
import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the main window's toolbar holds (pool size, task kind, chunk, output folder, pace, pause), and the hosts file
 * its pools run on. FX thread.
 */
final class MainSettings {

    /** As the command line's default: curl and wget use one or two connections, browsers six. */
    static final int DEFAULT_MAX_PER_HOST = 4;

    private final IntegerProperty poolSize = new SimpleIntegerProperty(this, "poolSize", 5);
    private final StringProperty kind = new SimpleStringProperty(this, "kind", "square");
    private final StringProperty commandTemplate = new SimpleStringProperty(this, "commandTemplate", "echo {}");
    private final IntegerProperty chunkSize = new SimpleIntegerProperty(this, "chunkSize", 0);
    /** Downloads from one web host at once; 0 for no limit (the command line's --max-per-host). */
    private final IntegerProperty maxPerHost = new SimpleIntegerProperty(this, "maxPerHost", DEFAULT_MAX_PER_HOST);
    private final ObjectProperty<Path> outputDir = new SimpleObjectProperty<>(this, "outputDir",
            Path.of(System.getProperty("user.home"), "garrison-output"));
    private final DoubleProperty paceMs = new SimpleDoubleProperty(this, "paceMs", 0);
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    /** The hosts the next pool runs on; null for this PC only (tests, and a window not told of any). */
    private final ObjectProperty<HostsFile> hostsFile = new SimpleObjectProperty<>(this, "hostsFile");
    /**
     * Whether the kind is the user's own choice. Until it is, the kind follows each list loaded (ListSession).
     * Any change of the kind that a list did not make counts as a choice: the toolbar's box, a test or a demo
     * script all say which kind they want.
     */
    private boolean kindChosen;
    private boolean listSettingKind;

    MainSettings() {
        kind.addListener((obs, old, now) -> {
            if (!listSettingKind) {
                kindChosen = true;
            }
        });
    }

    /** Whether the user chose the kind; a list then keeps it, and is refused if none of its lines fit it. */
    boolean isKindChosen() {
        return kindChosen;
    }

    /** Sets the kind a list is written for (a guess from its lines, or the tutorial's), not as a user's choice. */
    void setKindFromList(String name) {
        listSettingKind = true;
        try {
            kind.set(name);
        } finally {
            listSettingKind = false;
        }
        kindChosen = false;
    }

    /** The options a task list is read and run with: the output folder, and the argv template of commands. */
    TaskOptions options() {
        TaskOptions.Builder options = TaskOptions.builder().outputDir(outputDir.get());
        if (isCommand()) {
            options.commandTemplate(commandTemplate.get());
        }
        return options.build();
    }

    /** Whether tasks are commands, whose lines are read against the template. */
    boolean isCommand() {
        return "command".equals(kind.get());
    }

    IntegerProperty poolSizeProperty() {
        return poolSize;
    }

    StringProperty kindProperty() {
        return kind;
    }

    StringProperty commandTemplateProperty() {
        return commandTemplate;
    }

    IntegerProperty chunkSizeProperty() {
        return chunkSize;
    }

    IntegerProperty maxPerHostProperty() {
        return maxPerHost;
    }

    ObjectProperty<Path> outputDirProperty() {
        return outputDir;
    }

    DoubleProperty paceMsProperty() {
        return paceMs;
    }

    BooleanProperty pausedProperty() {
        return paused;
    }

    ObjectProperty<HostsFile> hostsFileProperty() {
        return hostsFile;
    }
}
