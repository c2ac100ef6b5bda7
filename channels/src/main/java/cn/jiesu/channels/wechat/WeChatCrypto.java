package cn.jiesu.channels.wechat;

import cn.jiesu.channels.Digests;
import cn.jiesu.channels.InputRejected;
import cn.jiesu.core.config.ConfigException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat secure-mode (安全模式) message crypto: AES-256-CBC with key = Base64(EncodingAESKey + "="), IV = the
 * key's first 16 bytes, plaintext = random(16) ‖ length(4, big-endian) ‖ message ‖ appid, PKCS#7-padded to a
 * multiple of <b>32</b> bytes. Java's PKCS5Padding rejects pads of 17–32, so decryption uses NoPadding and strips
 * the pad here. Thread-safe (a Cipher per call).
 */
public final class WeChatCrypto {
    static final int BLOCK = 32;

    private final byte[] key;
    private final String appId;

    public WeChatCrypto(String encodingAesKey, String appId) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(encodingAesKey + "=");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("channels.wechat.encodingAesKey", "not base64", e);
        }
        if (k.length != 32) {
            throw new ConfigException("channels.wechat.encodingAesKey", "does not decode to 32 bytes");
        }
        this.key = k;
        this.appId = appId;
    }

    /** {@code msg_signature}: sha1 of token, timestamp, nonce and the Encrypt value, sorted and concatenated. */
    public static String signature(String token, String timestamp, String nonce, String encrypt) {
        return Digests.sortedSha1Hex(token, timestamp, nonce, encrypt);
    }

    /**
     * Decrypts an {@code Encrypt} value and checks the trailing appid.
     *
     * @return the message bytes (UTF-8 XML)
     * @throws InputRejected 400 {@code Encrypt} when it does not decrypt to a well-formed plaintext, 403 {@code appid}
     *                       when it was encrypted for another app
     */
    public byte[] decrypt(String encrypt) throws InputRejected {
        byte[] cipherText;
        try {
            cipherText = Base64.getDecoder().decode(encrypt.strip());
        } catch (IllegalArgumentException e) {
            throw new InputRejected(400, "decrypt_failed", "Encrypt", "Encrypt: not base64");
        }
        if (cipherText.length == 0 || cipherText.length % 16 != 0) {
            throw new InputRejected(400, "decrypt_failed", "Encrypt", "Encrypt: not a whole number of AES blocks");
        }
        byte[] plain = cipher(Cipher.DECRYPT_MODE, cipherText);
        int pad = plain[plain.length - 1] & 0xFF;
        if (pad < 1 || pad > BLOCK || pad > plain.length - 20) {
            throw new InputRejected(400, "decrypt_failed", "Encrypt", "Encrypt: bad padding (wrong EncodingAESKey?)");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xFF) != pad) {
                throw new InputRejected(400, "decrypt_failed", "Encrypt", "Encrypt: bad padding");
            }
        }
        int end = plain.length - pad;
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || length > end - 20) {
            throw new InputRejected(400, "decrypt_failed", "Encrypt", "Encrypt: bad message length");
        }
        String from = new String(plain, 20 + length, end - 20 - length, StandardCharsets.UTF_8);
        if (!Digests.constantTimeEquals(from, appId)) {
            throw new InputRejected(403, "wrong_appid", "appid", "appid: message was encrypted for another app");
        }
        return Arrays.copyOfRange(plain, 20, 20 + length);
    }

    /** Encrypts a message (a passive reply) with the given 16 random bytes; returns the base64 Encrypt value. */
    public String encrypt(String message, byte[] random16) {
        if (random16.length != 16) {
            throw new ConfigException("random16", "must be 16 bytes");
        }
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        byte[] app = appId.getBytes(StandardCharsets.UTF_8);
        int unpadded = 20 + msg.length + app.length;
        int pad = BLOCK - unpadded % BLOCK; // 1..32: a full block of 32 when already aligned
        ByteBuffer plain = ByteBuffer.allocate(unpadded + pad);
        plain.put(random16).putInt(msg.length).put(msg).put(app);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, plain.array()));
    }

    /** The secure-mode passive reply document for an already built reply message. */
    public String encryptedReply(String token, String replyXml, String timestamp, String nonce, byte[] random16) {
        String encrypt = encrypt(replyXml, random16);
        return "<xml><Encrypt><![CDATA[" + encrypt + "]]></Encrypt><MsgSignature><![CDATA["
                + signature(token, timestamp, nonce, encrypt) + "]]></MsgSignature><TimeStamp>" + timestamp
                + "</TimeStamp><Nonce><![CDATA[" + nonce + "]]></Nonce></xml>";
    }

    private byte[] cipher(int mode, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/NoPadding unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "WeChatCrypto[appId=" + appId + ", key=***]";
    }
}
