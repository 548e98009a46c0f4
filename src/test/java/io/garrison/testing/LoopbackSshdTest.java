package io.garrison.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The throwaway sshd that tests of workers on other hosts log in to, and what ssh does to a remote command that
 * Garrison relies on: a long-lived command reading stdin and writing stdout, with no tty and nothing else on
 * its streams.
 */
@Timeout(120)
class LoopbackSshdTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aSessionCarriesEveryByteBothWaysWithoutTtyOrBannerAndDiesWithItsHost() throws Exception {
        try (LoopbackSshd sshd = LoopbackSshd.start(dir)) {
            assertThat(sshd.alias()).isEqualTo("lab");
            assertThat(Files.readString(sshd.clientConfig()))
                    .contains("Host lab", "HostName 127.0.0.1", "Port " + sshd.port(), "BatchMode yes")
                    .doesNotContain("ControlMaster", "ControlPath");
            Path clientErrors = dir.resolve("ssh.err");
            Process ssh = ssh(sshd.sshCommand(), sshd.alias(),
                    "if [ -t 0 ] || [ -t 1 ]; then echo tty; else echo notty; fi; echo $$; exec cat", clientErrors);
            InputStream fromRemote = ssh.getInputStream();

            byte[] payload = new byte[3 * 65536];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i % 7 == 0 ? 0 : i * 31);
            }
            // The pipes hold less than the payload each way: the writer runs beside the reader.
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream toRemote = ssh.getOutputStream();
                    toRemote.write(payload);
                    toRemote.flush(); // stdin stays open: the remote cat lives on, as a worker does
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(line(fromRemote)).isEqualTo("notty");
            long remotePid = Long.parseLong(line(fromRemote));
            assertThat(fromRemote.readNBytes(payload.length)).isEqualTo(payload);
            written.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(Files.readString(clientErrors)).as("what ssh printed besides the command's output").isEmpty();

            assertThat(ancestors(remotePid)).contains(sshd.daemon().pid());
            assertThat(sshd.sessionProcesses()).extracting(ProcessHandle::pid).contains(remotePid);

            sshd.killWithSessions();

            assertThat(ssh.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("ssh ended with its host").isTrue();
            assertThat(ssh.exitValue()).as("ssh's exit status for a lost connection").isEqualTo(255);
            assertThat(LoopbackSshd.isRunning(remotePid)).isFalse();
            assertThat(sshd.sessionProcesses()).isEmpty();
            assertThat(sshd.daemon().isAlive()).isFalse();
        }
    }

    @Test
    void aRemoteCommandWhoseClientIsKilledReadsEndOfFileAndGetsNoSignal() throws Exception {
        Path trace = dir.resolve("trace");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir)) {
            Process ssh = ssh(sshd.sshCommand(), sshd.alias(),
                    "trap 'echo HUP >> " + trace + "' HUP; trap 'echo TERM >> " + trace + "' TERM; echo $$;"
                            + " while read -r line; do :; done; echo EOF >> " + trace,
                    dir.resolve("ssh.err"));
            long remotePid = Long.parseLong(line(ssh.getInputStream()));

            ssh.destroyForcibly(); // SIGKILL: the client cannot say goodbye

            Await.await("the remote shell to leave", () -> !LoopbackSshd.isRunning(remotePid), WAIT);
            assertThat(Files.readString(trace)).isEqualTo("EOF\n");
        }
    }

    @Test
    void aRemoteCommandThatIgnoresStdinOutlivesItsKilledClientUntilTheHostDies() throws Exception {
        try (LoopbackSshd sshd = LoopbackSshd.start(dir)) {
            Process ssh = ssh(sshd.sshCommand(), sshd.alias(), "echo $$; exec sleep 600", dir.resolve("ssh.err"));
            long remotePid = Long.parseLong(line(ssh.getInputStream()));
            assertThat(ancestors(remotePid)).contains(sshd.daemon().pid());

            ssh.destroyForcibly();

            Await.await("the remote command to lose its sshd session",
                    () -> !ancestors(remotePid).contains(sshd.daemon().pid()), WAIT);
            assertThat(LoopbackSshd.isRunning(remotePid)).as("the orphaned remote command").isTrue();
            assertThat(sshd.sessionProcesses()).extracting(ProcessHandle::pid).contains(remotePid);

            sshd.killWithSessions();

            assertThat(LoopbackSshd.isRunning(remotePid)).isFalse();
            assertThat(sshd.sessionProcesses()).isEmpty();
        }
    }

    @Test
    void twoServersServeAtOnceOnTheirOwnPortsAsTwoHosts() throws Exception {
        try (LoopbackSshd east = LoopbackSshd.start(dir, "east"); LoopbackSshd west = LoopbackSshd.start(dir, "west")) {
            assertThat(east.port()).isNotEqualTo(west.port());
            Path both = LoopbackSshd.clientConfig(dir.resolve("ssh_config"), List.of(east, west));
            List<String> ssh = List.of("ssh", "-F", both.toString());

            // SSH_CONNECTION ends with the server's port: each alias reaches its own server.
            assertThat(run(ssh, "east", "echo $SSH_CONNECTION")).endsWith(" " + east.port());
            assertThat(run(ssh, "west", "echo $SSH_CONNECTION")).endsWith(" " + west.port());

            east.killWithSessions();
            assertThat(run(ssh, "west", "echo still here")).isEqualTo("still here");
        }
    }

    private static Process ssh(List<String> sshCommand, String alias, String remote, Path errors) throws IOException {
        List<String> argv = new ArrayList<>(sshCommand);
        argv.addAll(List.of(alias, "--", remote));
        return new ProcessBuilder(argv).redirectError(Redirect.to(errors.toFile())).start();
    }

    private String run(List<String> sshCommand, String alias, String remote) throws Exception {
        Process ssh = ssh(sshCommand, alias, remote, dir.resolve("run-" + alias + ".err"));
        ssh.getOutputStream().close();
        String out = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(ssh.waitFor()).as("ssh %s %s", alias, remote).isZero();
        return out;
    }

    /** One line of the remote's output, read byte by byte so that nothing after it is taken. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            assertThat(b).as("the remote's output before its end").isNotEqualTo(-1);
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static List<Long> ancestors(long pid) {
        List<Long> chain = new ArrayList<>();
        Optional<ProcessHandle> parent = ProcessHandle.of(pid).flatMap(ProcessHandle::parent);
        while (parent.isPresent()) {
            chain.add(parent.get().pid());
            parent = parent.get().parent();
        }
        return chain;
    }
}
