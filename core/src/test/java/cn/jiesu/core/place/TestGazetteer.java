package cn.jiesu.core.place;

import java.util.ArrayList;
import java.util.List;

/**
 * A few real districts, units and places, enough to exercise every rule of the resolver; 丰台区 as it was before
 * 2021 (长辛店镇 beside 长辛店街道, since renamed 北宫镇) for two units sharing a short form in one district.
 */
final class TestGazetteer {
    private TestGazetteer() {}

    static Gazetteer city() {
        return new Gazetteer(
                "北京市",
                List.of("北京", "beijing"),
                List.of("天津", "河北省", "涿州"),
                List.of(
                        district(
                                "朝阳区",
                                List.of("朝阳"),
                                List.of(
                                        unit("朝阳区", "望京街道", List.of("望京"), new LatLon(39.996, 116.474)),
                                        unit("朝阳区", "八里庄街道", List.of(), null),
                                        unit("朝阳区", "东风地区", List.of(), null),
                                        unit("朝阳区", "朝外街道", List.of(), null)),
                                List.of(new Place("望京西园", "朝阳区", "望京街道"), new Place("望京SOHO", "朝阳区", "望京街道"))),
                        district(
                                "海淀区",
                                List.of("海淀"),
                                List.of(
                                        unit("海淀区", "海淀街道", List.of(), null),
                                        unit("海淀区", "八里庄街道", List.of(), null),
                                        unit("海淀区", "中关村街道", List.of(), new LatLon(39.982, 116.318))),
                                List.of(new Place("中关村大街", "海淀区", null))),
                        district(
                                "丰台区",
                                List.of("丰台"),
                                List.of(unit("丰台区", "长辛店街道", List.of(), null), unit("丰台区", "长辛店镇", List.of(), null)),
                                List.of()),
                        district(
                                "门头沟区",
                                List.of("门头沟"),
                                List.of(unit("门头沟区", "大峪街道", List.of("大峪"), new LatLon(39.94, 116.1))),
                                List.of()),
                        district(
                                "房山区",
                                List.of("房山"),
                                List.of(unit("房山区", "河北镇", List.of(), null), unit("房山区", "东风街道", List.of(), null)),
                                List.of()),
                        district(
                                "昌平区",
                                List.of("昌平"),
                                List.of(unit("昌平区", "回龙观街道", List.of(), null), unit("昌平区", "龙泽园街道", List.of(), null)),
                                List.of(new Place("龙泽苑", "昌平区", "龙泽园街道")))));
    }

    private static District district(String name, List<String> aliases, List<Unit> units, List<Place> places) {
        return new District(name, aliases, null, new ArrayList<>(units), places);
    }

    private static Unit unit(String district, String name, List<String> aliases, LatLon centroid) {
        return new Unit(name, district, UnitKind.ofName(name).orElseThrow(), aliases, centroid);
    }
}
