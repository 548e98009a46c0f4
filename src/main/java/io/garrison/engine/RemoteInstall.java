package io.garrison.engine;

/**
 * What a host has of Garrison once its runtime is there: the folder the worker starts in, the class path inside
 * it, and the Java that runs it, as the host's shell reads them.
 *
 * @param folder    the worker's class path folder (see {@link RemoteRuntime})
 * @param classPath the class path, relative to {@code folder}
 * @param java      {@code java} when the host has 17 or later on its PATH, else the copy of this machine's
 *                  runtime (see {@link RemoteJava})
 */
record RemoteInstall(String folder, String classPath, String java) {
}
