package cn.jiesu.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContactMaskTest {

    @Test
    @DisplayName("phone numbers in any spelling keep only their last four digits")
    void phones() {
        assertThat(ContactMask.text("请联系13800138000王先生")).isEqualTo("请联系*******8000王先生");
        assertThat(ContactMask.text("电话 138-0013-8000。")).isEqualTo("电话 ***-****-8000。");
        assertThat(ContactMask.text("电话+86 138 0013 8000")).isEqualTo("电话+** *** **** 8000");
        assertThat(ContactMask.text("座机010-62345678或62345678")).isEqualTo("座机***-****5678或****5678");
        assertThat(ContactMask.text("手机１３８００１３８０００")).isEqualTo("手机*******８０００");
    }

    @Test
    @DisplayName("身份证 numbers (18 with X, 15) and e-mail addresses are masked")
    void idsAndEmail() {
        assertThat(ContactMask.text("身份证11010519491231002X")).isEqualTo("身份证**************002X");
        assertThat(ContactMask.text("身份证110105491231002")).isEqualTo("身份证***********1002");
        assertThat(ContactMask.text("邮箱 zhang.san@example.com.cn 谢谢")).isEqualTo("邮箱 z***@example.com.cn 谢谢");
    }

    @Test
    @DisplayName("house numbers, 12345, prices and dashed dates are left alone")
    void shortNumbersKept() {
        String text = "望京西园三区222号楼3单元1201室，2026-11-28起停水，已打12345，押金1500元";
        assertThat(ContactMask.text(text)).isEqualTo(text);
        assertThat(ContactMask.text(null)).isNull();
        assertThat(ContactMask.number("13800138000")).isEqualTo("*******8000");
    }
}
