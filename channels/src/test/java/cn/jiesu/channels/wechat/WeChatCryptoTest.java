package cn.jiesu.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiesu.channels.Fixtures;
import cn.jiesu.channels.InputRejected;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WeChatCryptoTest {
    static final String TOKEN = "hotline12345Token";
    static final String AES_KEY = "Hx7kQ2mN9pR4sT6vW8yZ1bC3dF5gJ0hK2lM4nP6qS8u";
    static final String APP_ID = "wx5f3c2a1b9d8e7f60";

    private final WeChatCrypto crypto = new WeChatCrypto(AES_KEY, APP_ID);

    private static String encryptOf(String fixture) {
        String xml = Fixtures.text("wechat/" + fixture);
        return xml.substring(xml.indexOf("<Encrypt><![CDATA[") + 18, xml.indexOf("]]></Encrypt>"));
    }

    @Test
    @DisplayName("the official test vector: msg_signature matches and the message decrypts")
    void officialVector() throws InputRejected {
        String encrypt = encryptOf("official-vector.xml");
        assertThat(WeChatCrypto.signature("spamtest", "1409735669", "1320562132", encrypt))
                .isEqualTo("5d197aaffba7e9b25a30732f161a50dee96bd5fa");
        String msg = new String(
                new WeChatCrypto("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wx2c2769f8efd9abc2").decrypt(encrypt),
                StandardCharsets.UTF_8);
        assertThat(msg)
                .hasSize(280)
                .contains("<Content><![CDATA[abcdteT]]></Content>")
                .contains("<MsgId>6054768590064713728</MsgId>");
    }

    @Test
    @DisplayName("fixture wx-secure-text: signature and plaintext as the spec worked them out")
    void secureText() throws InputRejected {
        String encrypt = encryptOf("secure-text.xml");
        assertThat(WeChatCrypto.signature(TOKEN, "1717034405", "1498231765", encrypt))
                .isEqualTo("680e9ade92e289821c4db2f07e778135b050f7fe");
        assertThat(new String(crypto.decrypt(encrypt), StandardCharsets.UTF_8))
                .startsWith("<xml><ToUserName><![CDATA[gh_3a5b7c9d1e2f]]></ToUserName>")
                .contains("从昨晚起停水，至今未恢复")
                .endsWith("<MsgId>24583016739012845</MsgId></xml>");
    }

    @Test
    @DisplayName("fixture wx-secure-pad32: a pad of exactly 32 bytes decrypts here, where PKCS5Padding throws")
    void pad32() throws Exception {
        String encrypt = encryptOf("secure-pad32.xml");
        assertThat(WeChatCrypto.signature(TOKEN, "1717034500", "77312544", encrypt))
                .isEqualTo("29ffdf017beb737e5a38468f80a5c9afaa548aaf");
        byte[] key = Base64.getDecoder().decode(AES_KEY + "=");
        Cipher raw = Cipher.getInstance("AES/CBC/NoPadding");
        raw.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
        byte[] plain = raw.doFinal(Base64.getDecoder().decode(encrypt));
        assertThat(plain[plain.length - 1]).isEqualTo((byte) 32);

        assertThat(new String(crypto.decrypt(encrypt), StandardCharsets.UTF_8))
                .contains("<Content><![CDATA[路灯不亮!!!!!]]></Content>");

        Cipher pkcs5 = Cipher.getInstance("AES/CBC/PKCS5Padding");
        pkcs5.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
        assertThatThrownBy(() -> pkcs5.doFinal(Base64.getDecoder().decode(encrypt)))
                .isInstanceOf(BadPaddingException.class);
    }

    @Test
    @DisplayName("the encrypted passive reply fixture is reproduced byte for byte, signature included")
    void encryptedReply() {
        String plain = Fixtures.text("wechat/reply-plain.xml");
        byte[] random = "fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        String encrypt = crypto.encrypt(plain, random);
        assertThat(encrypt).isEqualTo(Fixtures.text("wechat/reply-encrypt.txt"));
        assertThat(WeChatCrypto.signature(TOKEN, "1717034406", "987654321", encrypt))
                .isEqualTo("28069cfe408a1a32e39a88978ef84b30d053590d");
        assertThat(crypto.encryptedReply(TOKEN, plain, "1717034406", "987654321", random))
                .contains("<MsgSignature><![CDATA[28069cfe408a1a32e39a88978ef84b30d053590d]]></MsgSignature>")
                .contains("<TimeStamp>1717034406</TimeStamp>");
    }

    @Test
    @DisplayName("encrypt then decrypt round-trips for every pad length 1..32")
    void roundTripAllPads() throws InputRejected {
        byte[] random = new byte[16];
        for (int n = 0; n < 64; n++) {
            String msg = "x".repeat(n);
            assertThat(new String(crypto.decrypt(crypto.encrypt(msg, random)), StandardCharsets.UTF_8))
                    .isEqualTo(msg);
        }
    }

    @Test
    @DisplayName("a message for another appid is 403; garbage, wrong-key and non-block ciphertexts are 400")
    void failures() {
        WeChatCrypto other = new WeChatCrypto(AES_KEY, "wx0000000000000000");
        String encrypt = encryptOf("secure-text.xml");
        assertThatThrownBy(() -> other.decrypt(encrypt)).isInstanceOfSatisfying(InputRejected.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.field()).isEqualTo("appid");
        });
        assertThatThrownBy(() -> crypto.decrypt("not base64!!"))
                .isInstanceOfSatisfying(
                        InputRejected.class, e -> assertThat(e.field()).isEqualTo("Encrypt"));
        assertThatThrownBy(() -> crypto.decrypt(Base64.getEncoder().encodeToString(new byte[15])))
                .isInstanceOfSatisfying(
                        InputRejected.class, e -> assertThat(e.status()).isEqualTo(400));
        WeChatCrypto wrongKey = new WeChatCrypto("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", APP_ID);
        assertThatThrownBy(() -> wrongKey.decrypt(encrypt))
                .isInstanceOfSatisfying(
                        InputRejected.class, e -> assertThat(e.field()).isIn("Encrypt", "appid"));
    }

    @Test
    @DisplayName("an EncodingAESKey that is not 43 base64 characters is refused at startup")
    void badKey() {
        assertThatThrownBy(() -> new WeChatCrypto("short", APP_ID)).isInstanceOf(IllegalArgumentException.class);
    }
}
