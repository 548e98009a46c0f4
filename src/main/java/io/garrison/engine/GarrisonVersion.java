package io.garrison.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Maven stamped into the build. */
public final class GarrisonVersion {

    private GarrisonVersion() {
    }

    public static String get() {
        try (InputStream in = GarrisonVersion.class.getResourceAsStream("/io/garrison/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
