package io.garrison.lessons;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The lessons, in teaching order. The {@link #key()} names a lesson in resource paths ({@code lessons/KEY/...}),
 * bundle keys ({@code lesson.KEY.title}) and {@code --demo lesson:KEY}.
 */
public enum LessonId {
    MAP("map"),
    APPLY_ASYNC("apply-async"),
    DOWNLOAD("download"),
    SHARED_MEMORY("shared-memory"),
    RACE("race"),
    MANAGER("manager"),
    DEAD_WORKER("dead-worker");

    private final String key;

    LessonId(String key) {
        this.key = key;
    }

    /** The stable, lower-case name of the lesson. */
    public String key() {
        return key;
    }

    /** All keys in teaching order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(LessonId::key).toList();
    }

    /** The lesson with this key (case-insensitive), if any. */
    public static Optional<LessonId> byKey(String key) {
        return Arrays.stream(values()).filter(id -> id.key.equalsIgnoreCase(key)).findFirst();
    }
}
