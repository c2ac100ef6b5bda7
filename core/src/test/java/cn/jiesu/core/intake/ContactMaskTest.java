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
    @DisplayName("dots and underscores between digits, and mobile numbers spelled in Chinese digits, are masked")
    void otherSpellings() {
        assertThat(ContactMask.text("电话139.1234.5678")).isEqualTo("电话***.****.5678");
        assertThat(ContactMask.text("电话139_1234_5678。")).isEqualTo("电话***_****_5678。");
        assertThat(ContactMask.text("打一三九一二三四五六七八找我")).isEqualTo("打*******五六七八找我");
        assertThat(ContactMask.text("幺三九〇〇幺二三四五六")).isEqualTo("*******三四五六");
        assertThat(ContactMask.text("一八零 零零一三 八零零零")).isEqualTo("*** **** 八零零零");
        assertThat(ContactMask.text("号码139一二三四5678")).isEqualTo("号码*******5678");
        assertThat(ContactMask.text("一三九-一二三四-五六七八")).isEqualTo("***-****-五六七八");
    }

    @Test
    @DisplayName("Chinese-digit years, counts and runs that are no mobile number stay; dotted dates stay")
    void chineseNonNumbersKept() {
        String text =
                "二〇二六年十一月二十八日，三号楼一二〇一室，等了一二三四五六七八九十天，" + "二三九一二三四五六七八，一二九一二三四五六七八，一三九一二三四五六七，2026.11.28、2026_11_28起停水";
        assertThat(ContactMask.text(text)).isEqualTo(text);
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
