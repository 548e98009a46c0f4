package io.garrison.engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path a worker gets: the parent's, except that Garrison's own app jar is swapped for its worker
 * jar, which holds the same classes but names only the libraries a worker uses (Jackson, for the Manager's
 * client) instead of JavaFX, ControlsFX and picocli.
 *
 * <p>Why: the JDK looks up service providers (a {@code URL}'s protocol handler on the first download, the
 * platform logger on the first lambda or download) by reading every jar on the class path. With the app's
 * thirteen jars that cost every worker its first task's time, for libraries it never loads (decision 0017).
 *
 * <p>The app jar says where its worker jar is in its manifest ({@value #WORKER_JAR_ATTRIBUTE}, relative to
 * itself). The libraries only the app jar brings in are dropped too when the class path names them one by
 * one (an installed app image does). Every other entry (an application's own jars, whose lambdas workers
 * revive) stays as it is, in its order; without a worker jar nothing changes.
 */
final class WorkerClassPath {

    static final String WORKER_JAR_ATTRIBUTE = "Garrison-Worker-Jar";

    private WorkerClassPath() {
    }

    /** Reading the manifests costs a pool start a millisecond or two; the class path of a process stays put. */
    private static volatile Derived last;

    private record Derived(String parentClassPath, String workerClassPath) {
    }

    /** The worker class path for this process's own {@code java.class.path}. */
    static String forThisProcess() {
        String parentClassPath = System.getProperty("java.class.path");
        Derived known = last;
        if (known == null || !Objects.equals(known.parentClassPath(), parentClassPath)) {
            known = new Derived(parentClassPath, of(parentClassPath));
            last = known;
        }
        return known.workerClassPath();
    }

    /** @param parentClassPath the parent's {@code java.class.path} */
    static String of(String parentClassPath) {
        if (parentClassPath == null || parentClassPath.isEmpty()) {
            return parentClassPath;
        }
        String[] entries = parentClassPath.split(File.pathSeparator);
        // Each jar is opened once: opening one reads its whole central directory.
        Map<Path, Attributes> manifests = new HashMap<>();
        Set<Path> appOnly = new LinkedHashSet<>();
        List<String> kept = new ArrayList<>(entries.length);
        boolean swapped = false;
        for (String entry : entries) {
            Optional<Path> workerJar = workerJarOf(entry, manifests);
            if (workerJar.isPresent()) {
                Path appJar = Path.of(entry);
                appOnly.addAll(libraries(appJar, manifests));
                appOnly.removeAll(libraries(workerJar.get(), manifests));
                kept.add(workerJar.get().toString());
                swapped = true;
            } else {
                kept.add(entry);
            }
        }
        if (!swapped) {
            return parentClassPath;
        }
        // The worker jar once, though an app image lists it on the launcher's class path as well.
        Set<Path> seen = new HashSet<>();
        List<String> result = new ArrayList<>(kept.size());
        for (String entry : kept) {
            Path path = normalized(entry);
            if (!appOnly.contains(path) && seen.add(path)) {
                result.add(entry);
            }
        }
        return String.join(File.pathSeparator, result);
    }

    private static Optional<Path> workerJarOf(String entry, Map<Path, Attributes> manifests) {
        Path jar;
        try {
            jar = Path.of(entry);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        String named = mainAttribute(jar, WORKER_JAR_ATTRIBUTE, manifests);
        if (named == null || named.isBlank()) {
            return Optional.empty();
        }
        Path workerJar = sibling(jar, named.strip());
        if (!Files.isRegularFile(workerJar)) {
            return Optional.empty();
        }
        // A worker jar naming a library that is not there would fail later, in a worker, on a Manager call.
        for (Path library : libraries(workerJar, manifests)) {
            if (!Files.isRegularFile(library)) {
                return Optional.empty();
            }
        }
        return Optional.of(workerJar);
    }

    /** The jars a jar's manifest {@code Class-Path} names, resolved against its folder. */
    private static List<Path> libraries(Path jar, Map<Path, Attributes> manifests) {
        String classPath = mainAttribute(jar, Attributes.Name.CLASS_PATH.toString(), manifests);
        List<Path> libraries = new ArrayList<>();
        if (classPath != null) {
            // Split by hand: a regex here would start the JVM's lambda machinery before the first worker spawns.
            int from = 0;
            for (int i = 0; i <= classPath.length(); i++) {
                if (i == classPath.length() || Character.isWhitespace(classPath.charAt(i))) {
                    if (i > from) {
                        libraries.add(normalized(sibling(jar, classPath.substring(from, i)).toString()));
                    }
                    from = i + 1;
                }
            }
        }
        return libraries;
    }

    private static Path sibling(Path jar, String relative) {
        Path folder = jar.toAbsolutePath().getParent();
        return folder.resolve(relative.replace('/', File.separatorChar)).normalize();
    }

    private static Path normalized(String entry) {
        try {
            return Path.of(entry).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return Path.of("").toAbsolutePath().resolve("?invalid?");
        }
    }

    /**
     * A manifest's main attribute, or null. No Optional.map lambdas: this runs before a pool's first worker
     * is spawned, where each new lambda shape costs a cold JVM a class spin (decision 0009).
     */
    private static String mainAttribute(Path jar, String name, Map<Path, Attributes> manifests) {
        Path key = normalized(jar.toString());
        Attributes attributes = manifests.get(key);
        if (attributes == null) {
            attributes = new Attributes();
            try (JarFile file = new JarFile(jar.toFile(), false)) {
                Manifest manifest = file.getManifest();
                if (manifest != null) {
                    attributes = manifest.getMainAttributes();
                }
            } catch (IOException | SecurityException e) {
                // no manifest to go by: the jar stays on the class path as it is
            }
            manifests.put(key, attributes);
        }
        return attributes.getValue(name);
    }
}
