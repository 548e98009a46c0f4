package io.garrison.engine;

import io.garrison.task.BuildInfo;

/** The version Maven stamped into the build. */
public final class GarrisonVersion {

    private GarrisonVersion() {
    }

    public static String get() {
        return BuildInfo.version();
    }
}
