package io.garrison.shared;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mutual challenge–response over {@link JsonLines}: each side proves it holds the key without sending it.
 *
 * <pre>
 * server → {"challenge": Ns, "protocol": "garrison-manager/1"}
 * client → {"response": HMAC(key, "garrison-client" Ns Nc), "challenge": Nc}
 * server → {"response": HMAC(key, "garrison-server" Ns Nc)}       or {"error": "authentication failed: ..."}
 * </pre>
 * Both nonces are 32 random bytes, so a recorded exchange cannot be replayed; the two labels differ, so one
 * side's proof cannot be reflected back as the other's. MACs are compared in constant time. Over TLS both MACs
 * also cover the SHA-256 of the server's certificate as each side knows it ({@link ManagerTls}).
 */
final class HmacHandshake {

    static final String PROTOCOL = "garrison-manager/1";
    /** No certificate to bind: plain TCP on 127.0.0.1, where the proofs are what they always were. */
    private static final byte[] NO_TLS = new byte[0];
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private HmacHandshake() {
    }

    /** Runs the server's side; throws {@link ManagerAuthenticationException} after telling the client why. */
    static void serve(JsonLines connection, byte[] key) throws IOException {
        serve(connection, key, NO_TLS);
    }

    /**
     * The server's side over TLS: {@code binding} is the hash of its certificate, which both proofs cover, so a
     * client that saw another certificate (a man in the middle's) fails, and so does the server.
     */
    static void serve(JsonLines connection, byte[] key, byte[] binding) throws IOException {
        byte[] serverNonce = nonce();
        connection.write(JsonLines.object().put("challenge", B64.encodeToString(serverNonce)).put("protocol", PROTOCOL));
        ObjectNode answer = connection.read();
        byte[] clientNonce = decode(answer, "challenge");
        if (!MessageDigest.isEqual(decode(answer, "response"), mac(key, "garrison-client", serverNonce, clientNonce, binding))) {
            connection.write(JsonLines.object().put("error", "authentication failed: wrong key"));
            throw new ManagerAuthenticationException("authentication failed: wrong key");
        }
        connection.write(JsonLines.object()
                .put("response", B64.encodeToString(mac(key, "garrison-server", serverNonce, clientNonce, binding))));
    }

    /** Runs the client's side; throws {@link ManagerAuthenticationException} if either side refuses the other. */
    static void join(JsonLines connection, byte[] key) throws IOException {
        join(connection, key, NO_TLS);
    }

    /** The client's side over TLS: {@code binding} is the hash of the certificate the server showed. */
    static void join(JsonLines connection, byte[] key, byte[] binding) throws IOException {
        ObjectNode challenge = connection.read();
        if (!PROTOCOL.equals(challenge.path("protocol").asText())) {
            throw new IOException("not a Garrison manager (protocol " + challenge.path("protocol") + ")");
        }
        byte[] serverNonce = decode(challenge, "challenge");
        byte[] clientNonce = nonce();
        connection.write(JsonLines.object()
                .put("response", B64.encodeToString(mac(key, "garrison-client", serverNonce, clientNonce, binding)))
                .put("challenge", B64.encodeToString(clientNonce)));
        ObjectNode verdict = connection.read();
        if (verdict.has("error")) {
            throw new ManagerAuthenticationException("authentication failed: the manager refused the key");
        }
        if (!MessageDigest.isEqual(decode(verdict, "response"), mac(key, "garrison-server", serverNonce, clientNonce, binding))) {
            throw new ManagerAuthenticationException("authentication failed: the server does not hold the same key");
        }
    }

    /**
     * Loads and initialises the JCA provider, the random source and Jackson (about 200 ms in a fresh JVM), so the
     * first connection does not pay for it while the peer waits.
     */
    static void warmUp() {
        try {
            byte[] nonce = nonce();
            mac(nonce, "warm-up", nonce, nonce);
            JsonLines.MAPPER.readTree(JsonLines.MAPPER.writeValueAsBytes(JsonLines.object().put("challenge", "")));
        } catch (IOException e) {
            throw new IllegalStateException("JSON round trip of a constant failed", e);
        }
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    private static byte[] decode(ObjectNode message, String field) throws IOException {
        try {
            return B64D.decode(message.path(field).asText(""));
        } catch (IllegalArgumentException e) {
            throw new IOException("malformed handshake field '" + field + "'", e);
        }
    }

    static byte[] mac(byte[] key, String label, byte[] serverNonce, byte[] clientNonce) {
        return mac(key, label, serverNonce, clientNonce, NO_TLS);
    }

    private static byte[] mac(byte[] key, String label, byte[] serverNonce, byte[] clientNonce, byte[] binding) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(label.getBytes(StandardCharsets.US_ASCII));
            mac.update(serverNonce);
            mac.update(clientNonce);
            mac.update(binding);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
