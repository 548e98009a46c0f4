package io.garrison.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Manager opened to the network speaks TLS, and the key, bound to the server's certificate, is what
 * authenticates it: a man in the middle with a certificate of its own is refused. 127.0.0.2 and 127.0.0.3 stand
 * for network addresses: only 127.0.0.1 is the Manager's plain-TCP address.
 */
@Timeout(120)
class ManagerTlsTest {

    private static final byte[] KEY = ManagerKeys.of("correct horse battery staple");
    private final PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void aManagerOnAnotherAddressThan127001SpeaksTlsAndItsClientsTooWhilePlainTcpGetsNoWordFromIt() throws Exception {
        try (ManagerServer server = ManagerServer.start("127.0.0.2", 0, KEY, log)) {
            assertThat(server.speaksTls()).isTrue();
            int port = server.address().getPort();

            try (ManagerClient client = ManagerClient.connect("127.0.0.2", port, KEY)) {
                client.value("total").add(40);
                client.value("total").add(2);
                assertThat(client.value("total").get().doubleValue()).isEqualTo(42.0);
            }
            try (Socket plain = new Socket("127.0.0.2", port)) {
                plain.setSoTimeout(2_000);
                // A plain server would greet at once with {"challenge": ...}; a TLS server waits for a ClientHello.
                assertThatThrownBy(() -> plain.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            }
        }
        try (ManagerServer local = ManagerServer.start("127.0.0.1", 0, KEY, log)) {
            assertThat(local.speaksTls()).as("127.0.0.1 stays plain TCP, as ssh forwards reach it").isFalse();
        }
    }

    @Test
    void aManagerOnEveryInterfaceSpeaksPlainTcpThrough127001AndTlsElsewhere() throws Exception {
        try (ManagerServer server = ManagerServer.start("0.0.0.0", 0, KEY, log)) {
            int port = server.address().getPort();
            for (String host : new String[] {"127.0.0.1", "0.0.0.0", "127.0.0.2"}) {
                try (ManagerClient client = ManagerClient.connect(host, port, KEY)) {
                    client.list("hosts").append(host);
                }
            }
            try (ManagerClient client = ManagerClient.connect("127.0.0.1", port, KEY)) {
                assertThat(client.list("hosts").get()).containsExactly("127.0.0.1", "0.0.0.0", "127.0.0.2");
            }
            try (Socket plain = new Socket("127.0.0.1", port)) {
                plain.setSoTimeout(10_000);
                assertThat(plain.getInputStream().read()).as("a plain greeting through 127.0.0.1").isEqualTo('{');
            }
        }
    }

    @Test
    void aManInTheMiddleWithACertificateOfItsOwnIsRefusedThoughItRelaysEveryByte() throws Exception {
        try (ManagerServer server = ManagerServer.start("127.0.0.2", 0, KEY, log);
             ManInTheMiddle middle = new ManInTheMiddle(server.address().getPort())) {

            assertThatThrownBy(() -> ManagerClient.connect("127.0.0.3", middle.port(), KEY))
                    .isInstanceOf(ManagerAuthenticationException.class);
        }
    }

    /** Ends the client's TLS on 127.0.0.3 with its own certificate and relays everything to the real server. */
    private static final class ManInTheMiddle implements AutoCloseable {
        private final ServerSocket listener;

        ManInTheMiddle(int serverPort) throws IOException {
            listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.3"));
            ManagerTls.Server ownCertificate = ManagerTls.server();
            Thread acceptor = new Thread(() -> {
                try (Socket client = ownCertificate.over(listener.accept())) {
                    Socket raw = new Socket("127.0.0.2", serverPort);
                    try (Socket upstream = ManagerTls.connect(raw, "127.0.0.2", serverPort).socket()) {
                        Thread up = relay(client.getInputStream(), upstream.getOutputStream());
                        relay(upstream.getInputStream(), client.getOutputStream()).join();
                        up.join(1_000);
                    }
                } catch (IOException | InterruptedException e) {
                    // the test ends it
                }
            }, "man-in-the-middle");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private static Thread relay(InputStream from, OutputStream to) {
            Thread thread = new Thread(() -> {
                try {
                    from.transferTo(to);
                } catch (IOException closed) {
                    // one side hung up
                }
            }, "relay");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
