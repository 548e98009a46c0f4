package io.garrison.shared;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for a Manager opened to the network. On 127.0.0.1 (or ::1) only this machine connects, and a client on
 * another host comes through an ssh forward that encrypts it: the traffic stays plain there, as before. On any
 * other address the server speaks TLS 1.3 with a certificate of its own, made when it starts, and a client
 * speaks TLS to any address but those.
 *
 * <p>The client accepts the server's certificate without a certificate authority (nobody issues one for a
 * classroom's Manager). It is the key both sides hold that authenticates the server. The certificate's SHA-256 is
 * bound into the HMAC handshake ({@link HmacHandshake}), so a man in the middle, who must show its own certificate,
 * fails the handshake on both sides.
 */
final class ManagerTls {

    private static final String PROTOCOL = "TLSv1.3";
    private static final long KEYTOOL_SECONDS = 60;
    private static final String STORE_PASSWORD_VARIABLE = "GARRISON_STORE_PASS";

    private ManagerTls() {
    }

    /**
     * Whether a connection to {@code address} speaks TLS: everywhere but 127.0.0.1 and ::1 (and the any-address,
     * which a connection reaches through 127.0.0.1). A server listening on every interface speaks plain TCP to
     * the connections that come through 127.0.0.1 and TLS to the others, as its clients do.
     */
    static boolean needed(InetAddress address) {
        boolean ipv4Own = address.getHostAddress().equals("127.0.0.1");
        boolean ipv6Own = address instanceof Inet6Address && address.isLoopbackAddress();
        return !(ipv4Own || ipv6Own || address.isAnyLocalAddress());
    }

    /** A server's TLS: what speaks it over an accepted connection, and the hash of its certificate. */
    record Server(SSLSocketFactory factory, byte[] binding) {

        /** The server's side of TLS over a connection it accepted; the TLS handshake runs on its first read. */
        SSLSocket over(Socket accepted) throws IOException {
            SSLSocket tls = (SSLSocket) factory.createSocket(accepted, null, accepted.getPort(), true);
            tls.setUseClientMode(false);
            tls.setEnabledProtocols(new String[] {PROTOCOL});
            return tls;
        }
    }

    /** A server side of TLS with a certificate made now, for this server's life only. */
    static Server server() throws IOException {
        char[] password = password();
        Path folder = Files.createTempDirectory("garrison-manager-tls-");
        Path store = folder.resolve("manager.p12");
        try {
            makeCertificate(store, password);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, password);
            }
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, password);
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(managers.getKeyManagers(), null, null);
            return new Server(context.getSocketFactory(), digest(keys.getCertificate("manager")));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(folder);
        }
    }

    /**
     * Speaks TLS over a connected {@code socket} as a client and returns the TLS socket with the hash of the
     * certificate the server showed.
     */
    static Client connect(Socket socket, String host, int port) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(null, new X509TrustManager[] {new AnyCertificate()}, null);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
            tls.setEnabledProtocols(new String[] {PROTOCOL});
            tls.startHandshake();
            return new Client(tls, digest(tls.getSession().getPeerCertificates()[0]));
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS with the manager failed: " + e.getMessage(), e);
        }
    }

    /** A client's TLS socket and the hash of the server's certificate it saw. */
    record Client(SSLSocket socket, byte[] binding) {
    }

    /** The server's certificate as this end saw it, for the handshake to bind. */
    static byte[] digest(Certificate certificate) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    }

    /**
     * Made with the runtime's own keytool, which every runtime with java.base has: the JDK has no public API to
     * sign a certificate, and a library for it would weigh more than the Manager.
     */
    private static void makeCertificate(Path store, char[] password) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "keytool.exe" : "keytool");
        ProcessBuilder builder = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "manager",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=garrison-manager", "-validity", "3650",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass:env", STORE_PASSWORD_VARIABLE))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // In its environment, not on its command line, where any user's ps would read it.
        builder.environment().put(STORE_PASSWORD_VARIABLE, new String(password));
        Process process = builder.start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool could not make the manager's certificate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the manager's certificate", e);
        }
    }

    private static char[] password() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().withoutPadding().encodeToString(random).toCharArray();
    }

    /** Trusts whatever certificate the server shows: the HMAC handshake, bound to it, judges the server. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // servers only
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // judged by the handshake, which binds this certificate
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
