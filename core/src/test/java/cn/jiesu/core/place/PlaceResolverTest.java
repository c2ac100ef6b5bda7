package cn.jiesu.core.place;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.jiesu.core.place.PlaceResolution.Level;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlaceResolverTest {
    private final PlaceResolver resolver = new PlaceResolver(TestGazetteer.city());

    private PlaceResolution at(String address) {
        return resolver.resolve(address);
    }

    @Test
    @DisplayName("a district and a unit's full name in it resolve with high confidence")
    void districtAndFullName() {
        PlaceResolution r = at("门头沟区大峪街道新桥南大街");
        assertThat(r.level()).isEqualTo(Level.UNIT);
        assertThat(r.district().name()).isEqualTo("门头沟区");
        assertThat(r.unit().name()).isEqualTo("大峪街道");
        assertThat(r.confidence()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.matched()).containsExactly("门头沟区", "大峪街道");
        assertThat(r.toString()).contains("district=门头沟区, unit=门头沟区大峪街道").hasSizeLessThan(200);
    }

    @Test
    @DisplayName("a listed alias or a place resolves without the district, a little less sure")
    void aliasAndPlaceWithoutDistrict() {
        PlaceResolution alias = at("望京西园三区312号楼");
        assertThat(alias.unit().name()).isEqualTo("望京街道");
        assertThat(alias.district().name()).isEqualTo("朝阳区");
        PlaceResolution withDistrict = at("朝阳区望京西园三区312号楼");
        assertThat(alias.confidence()).isLessThan(withDistrict.confidence());
    }

    @Test
    @DisplayName("a place inside a unit beats the wider area's name written before it")
    void placeBeatsAlias() {
        PlaceResolution r = at("回龙观龙泽苑");
        assertThat(r.unit().name()).isEqualTo("龙泽园街道");
        assertThat(r.note()).contains("less specific name points elsewhere");
    }

    @Test
    @DisplayName("a two-character short name counts only with its district")
    void weakShortNameNeedsDistrict() {
        assertThat(at("八里庄").level()).isEqualTo(Level.NONE);
        assertThat(at("东风").level()).isEqualTo(Level.NONE);
        PlaceResolution r = at("朝阳区 八里庄");
        assertThat(r.unit().name()).isEqualTo("八里庄街道");
        assertThat(r.district().name()).isEqualTo("朝阳区");
        assertThat(at("海淀区八里庄").district().name()).isEqualTo("海淀区");
    }

    @Test
    @DisplayName("a full unit name shared by two districts needs the district")
    void sharedFullName() {
        assertThat(at("八里庄街道").level()).isEqualTo(Level.NONE);
        assertThat(at("海淀区八里庄街道").unit().district()).isEqualTo("海淀区");
    }

    @Test
    @DisplayName("a unit named in another district than the one named gives only the named district, less sure")
    void conflictKeepsDistrictOnly() {
        PlaceResolution r = at("海淀区望京");
        assertThat(r.level()).isEqualTo(Level.DISTRICT);
        assertThat(r.district().name()).isEqualTo("海淀区");
        assertThat(r.confidence()).isLessThan(0.7);
    }

    @Test
    @DisplayName("a place spanning several units gives the district only")
    void areaGivesDistrict() {
        PlaceResolution r = at("海淀 中关村大街27号");
        assertThat(r.level()).isEqualTo(Level.DISTRICT);
        assertThat(r.district().name()).isEqualTo("海淀区");
        assertThat(at("中关村大街27号").level()).isEqualTo(Level.DISTRICT);
    }

    @Test
    @DisplayName("two units sharing a short name in one district give the district only")
    void ambiguousWithinDistrict() {
        PlaceResolution r = at("丰台区长辛店");
        assertThat(r.level()).isEqualTo(Level.DISTRICT);
        assertThat(r.note()).startsWith("ambiguous");
    }

    @Test
    @DisplayName("an address outside the city stays unresolved even when a unit's short name is in it")
    void outsideTheCity() {
        assertThat(at("天津市河北区").level()).isEqualTo(Level.NONE);
        assertThat(at("河北省涿州市").level()).isEqualTo(Level.NONE);
        assertThat(at("房山区河北镇").unit().name()).isEqualTo("河北镇");
    }

    @Test
    @DisplayName("the city alone, or no place at all, is unresolved")
    void nothingToGoOn() {
        assertThat(at("北京市").level()).isEqualTo(Level.NONE);
        assertThat(at("小区门口").level()).isEqualTo(Level.NONE);
        assertThat(at("").level()).isEqualTo(Level.NONE);
        assertThat(resolver.resolve(null, null, null).level()).isEqualTo(Level.NONE);
    }

    @Test
    @DisplayName("full-width letters, ideographic spaces, traditional characters and 〇 are folded before matching")
    void normalization() {
        assertThat(at("ＢＥＩＪＩＮＧ朝陽區　望 京").unit().name()).isEqualTo("望京街道");
        assertThat(at("朝阳区望京ＳＯＨＯ").unit().name()).isEqualTo("望京街道");
        assertThat(at("〇号院 朝阳区 望京").unit().name()).isEqualTo("望京街道");
    }

    @Test
    @DisplayName("the description is read only when the address places nothing and is not outside the city")
    void descriptionFallback() {
        PlaceResolution r = resolver.resolve("", "我家在朝阳区望京，楼下施工噪音很大", null);
        assertThat(r.unit().name()).isEqualTo("望京街道");
        assertThat(r.confidence()).isLessThan(at("朝阳区望京").confidence());
        PlaceResolution addressWins = resolver.resolve("门头沟区大峪街道", "朝阳区望京", null);
        assertThat(addressWins.unit().name()).isEqualTo("大峪街道");
        assertThat(resolver.resolve(null, "希望政府光明正大地处理", null).level()).isEqualTo(Level.NONE);
        assertThat(resolver.resolve("北京市", "朝阳区望京停水", null).unit().name()).isEqualTo("望京街道");
        assertThat(resolver.resolve("天津市河北区", "朝阳区望京停水", null).level()).isEqualTo(Level.NONE);
    }

    @Test
    @DisplayName("a position resolves to the nearest unit centroid within the radius, below any text's confidence")
    void position() {
        PlaceResolution r = resolver.resolve(null, null, new LatLon(39.998, 116.47));
        assertThat(r.unit().name()).isEqualTo("望京街道");
        assertThat(r.confidence()).isEqualTo(0.5, within(1e-9));
        assertThat(resolver.resolve(null, null, new LatLon(31.23, 121.47)).level())
                .isEqualTo(Level.NONE);
        // the district named in the text restricts the search
        PlaceResolution inDistrict = resolver.resolve("海淀区", null, new LatLon(39.998, 116.47));
        assertThat(inDistrict.level()).isEqualTo(Level.DISTRICT);
        assertThat(inDistrict.district().name()).isEqualTo("海淀区");
        // text that names the unit wins over the position
        assertThat(resolver.resolve("门头沟区大峪街道", null, new LatLon(39.998, 116.47))
                        .unit()
                        .name())
                .isEqualTo("大峪街道");
    }

    @Test
    @DisplayName("a short form that is the district's own name means the district")
    void shortFormEqualToDistrict() {
        PlaceResolution r = at("海淀");
        assertThat(r.level()).isEqualTo(Level.DISTRICT);
        assertThat(at("海淀街道").unit().name()).isEqualTo("海淀街道");
    }

    @Test
    @DisplayName("a short form marked needs-district counts only with it, one marked none never")
    void shortFormOverrides() {
        District d = new District(
                "石景山区",
                List.of(),
                null,
                List.of(
                        new Unit("苹果园街道", "石景山区", UnitKind.STREET, List.of(), null, ShortForm.NEEDS_DISTRICT),
                        new Unit("鲁谷街道", "石景山区", UnitKind.STREET, List.of(), null, ShortForm.NONE)),
                List.of());
        PlaceResolver r = new PlaceResolver(new Gazetteer("北京市", List.of(), List.of(), List.of(d)));
        assertThat(r.resolve("我家苹果园里的果树").level()).isEqualTo(Level.NONE);
        assertThat(r.resolve("石景山区苹果园").unit().name()).isEqualTo("苹果园街道");
        assertThat(r.resolve("石景山区鲁谷").level()).isEqualTo(Level.DISTRICT);
        assertThat(r.resolve("石景山区鲁谷街道").unit().name()).isEqualTo("鲁谷街道");
    }

    @Test
    @DisplayName("short forms drop the kind and any 民族乡 ending, and none is shorter than two characters")
    void shortNames() {
        assertThat(unit("于家务回族乡", UnitKind.TOWNSHIP).shortName()).isEqualTo("于家务");
        assertThat(unit("常营地区", UnitKind.AREA).shortName()).isEqualTo("常营");
        assertThat(unit("杨镇", UnitKind.TOWN).shortName()).isNull();
        assertThat(UnitKind.ofName("大峪街道")).contains(UnitKind.STREET);
        assertThat(UnitKind.ofName("长哨营满族乡")).contains(UnitKind.TOWNSHIP);
    }

    @Test
    @DisplayName("distances are great-circle kilometres")
    void distance() {
        // 天安门 to 北京西站: about 6.6 km apart
        assertThat(new LatLon(39.9087, 116.3975).kilometresTo(new LatLon(39.8949, 116.3220)))
                .isCloseTo(6.6, within(0.4));
    }

    private static Unit unit(String name, UnitKind kind) {
        return new Unit(name, "某区", kind, List.of(), null);
    }
}
