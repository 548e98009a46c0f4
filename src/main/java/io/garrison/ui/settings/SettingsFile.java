package io.garrison.ui.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.BackingStoreException;

/**
 * The desktop app's settings as one {@link java.util.prefs.Preferences} node kept in a properties file of the user's
 * configuration folder ({@link UserFolders#configFolder()}), where a user looks for them, copies them to another PC
 * or deletes them, instead of Java's own store ({@code ~/.java/.userPrefs} on Linux, the registry on Windows). Being
 * a {@code Preferences} node, every class that remembers something keeps using that API; decision 0027 says why this
 * is written here rather than taken from a library.
 *
 * <p>Each change is written at once, and written over what the file holds then: another Garrison window that changed
 * another setting in the meantime keeps its change. The file is replaced whole (written beside it, then moved), so a
 * crash never leaves half a file. A setting that cannot be written is lost with a warning: remembering is a
 * convenience, never a reason to stop the app. One flat node: there are no child nodes. Any thread.
 */
public final class SettingsFile extends AbstractPreferences {

    private static final System.Logger LOG = System.getLogger(SettingsFile.class.getName());
    private static final String HEADER = "Garrison's desktop settings; written by the app, read at its start";

    private final Path file;
    private final Map<String, String> values;

    public SettingsFile(Path file) {
        super(null, "");
        this.file = file;
        this.values = read(file);
    }

    /** The file the settings live in (it may not exist yet). */
    public Path file() {
        return file;
    }

    @Override
    protected void putSpi(String key, String value) {
        change(key, value);
    }

    @Override
    protected String getSpi(String key) {
        return values.get(key);
    }

    @Override
    protected void removeSpi(String key) {
        change(key, null);
    }

    @Override
    protected void removeNodeSpi() {
        throw new UnsupportedOperationException("the settings file is one node");
    }

    @Override
    protected String[] keysSpi() {
        return values.keySet().toArray(String[]::new);
    }

    @Override
    protected String[] childrenNamesSpi() {
        return new String[0];
    }

    @Override
    protected AbstractPreferences childSpi(String name) {
        throw new UnsupportedOperationException("the settings file is one node: no child " + name);
    }

    /** Reads what another window may have written since. */
    @Override
    protected void syncSpi() throws BackingStoreException {
        values.clear();
        values.putAll(read(file));
    }

    /** Nothing waits to be written: each change was written when it was made. */
    @Override
    protected void flushSpi() {
    }

    /** Sets ({@code value} non-null) or removes one setting, in memory and in the file as it is now. */
    private void change(String key, String value) {
        Map<String, String> onDisk = read(file);
        if (value == null) {
            values.remove(key);
            onDisk.remove(key);
        } else {
            values.put(key, value);
            onDisk.put(key, value);
        }
        try {
            write(file, onDisk);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot keep the setting " + key + " in " + file + ": " + e);
        }
    }

    private static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            // No settings yet: every value is its default.
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read the settings in " + file + ", using the defaults: " + e);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    /**
     * Writes the settings sorted by key, so the file reads well and changes little between two writes.
     * {@link Properties} does the escaping; its lines come in no order and with a date, which are left out.
     */
    private static void write(Path file, Map<String, String> values) throws IOException {
        Properties properties = new Properties();
        properties.putAll(values);
        StringWriter escaped = new StringWriter();
        properties.store(escaped, null);
        StringBuilder text = new StringBuilder("# ").append(HEADER).append('\n');
        escaped.toString().lines().filter(line -> !line.startsWith("#")).sorted()
                .forEach(line -> text.append(line).append('\n'));
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path next = Files.createTempFile(folder, file.getFileName().toString(), ".new");
        try {
            try (Writer out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
                out.write(text.toString());
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(next);
        }
    }
}
