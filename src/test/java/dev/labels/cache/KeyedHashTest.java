package dev.labels.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notes keyed by a secret use an HMAC under a key of the cache folder, kept where only its owner can read it. */
class KeyedHashTest {
    @TempDir
    Path temp;

    @Test
    void aFolderKeepsItsKeySoLaterRunsFindWhatEarlierOnesKeyed() {
        Path folder = temp.resolve("cache");

        String first = new DiskCache(folder, message -> { }).keyedHash("secret");
        String later = new DiskCache(folder, message -> { }).keyedHash("secret");

        assertEquals(first, later);
        assertNotEquals(first, new DiskCache(folder, message -> { }).keyedHash("other secret"));
    }

    @Test
    void theKeyIsRandomPerFolderAndReadableByItsOwnerOnly() throws Exception {
        String one = new DiskCache(temp.resolve("one"), message -> { }).keyedHash("secret");
        String two = new DiskCache(temp.resolve("two"), message -> { }).keyedHash("secret");

        assertNotEquals(one, two, "a hash says nothing without its folder's key");
        Path key = temp.resolve("one/v1/notes/key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals(KeyedHash.KEY_BYTES, Files.size(key));
    }

    @Test
    void theHashIsNotAPlainHashOfTheSecret() throws Exception {
        String keyed = new DiskCache(temp.resolve("cache"), message -> { }).keyedHash("secret");

        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("secret".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(plain, keyed);
        assertEquals(64, keyed.length(), "HMAC-SHA256, in hex");
    }

    @Test
    void aFolderThatMayNotBeUsedKeepsNoKey() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));

        new DiskCache(folder, message -> { }).keyedHash("secret");

        assertEquals(false, Files.exists(folder.resolve("v1")));
    }

    @Test
    void theHashIsHmacSha256() throws Exception {
        // RFC 4231, test case 2.
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                KeyedHash.of("Jefe".getBytes(StandardCharsets.UTF_8), "what do ya want for nothing?"));
        byte[] key = KeyedHash.newKey();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        assertEquals(HexFormat.of().formatHex(mac.doFinal("pa:ss word".getBytes(StandardCharsets.UTF_8))),
                KeyedHash.of(key, "pa:ss word"));
    }
}
