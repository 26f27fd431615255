package dev.otter.devtokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The local operator key pair: {@code operator.key} (PKCS#8 PEM, owner-only) signs development
 * tokens, {@code operator.pub} (X.509 PEM) is what the services verify with. Generated on first
 * use, never committed; a deployment points the services at its identity provider's key instead.
 */
public final class DevKeys {
    /** The private key's file name inside the key directory. */
    public static final String PRIVATE_FILE = "operator.key";

    /** The public key's file name inside the key directory. */
    public static final String PUBLIC_FILE = "operator.pub";

    private DevKeys() {}

    /** The pair in {@code dir}, generated (RSA 2048) and written there if it is not there yet. */
    public static KeyPair loadOrCreate(Path dir) {
        try {
            Path privateFile = dir.resolve(PRIVATE_FILE);
            Path publicFile = dir.resolve(PUBLIC_FILE);
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                Files.createDirectories(dir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                // Public first: a reader that sees the private key can rely on the public one.
                write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
                write(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
            }
            return new KeyPair(readPublic(publicFile), readPrivate(privateFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the operator key pair in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the operator key pair in " + dir, e);
        }
    }

    /** The private key in a PKCS#8 PEM file (as written here or by {@code openssl genpkey}). */
    public static PrivateKey readPrivate(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(file)));
    }

    /** The public key in an X.509 PEM file. */
    public static PublicKey readPublic(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(file)));
    }

    private static byte[] der(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    // Written to a temporary file and moved, so a concurrent reader never sees half a key.
    private static void write(Path file, String content, boolean secret) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        // Owner-only where the file system has POSIX permissions; elsewhere the directory's own
        // protection is all there is.
        if (secret && tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
