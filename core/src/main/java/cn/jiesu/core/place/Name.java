package cn.jiesu.core.place;

/** One name the resolver looks for in a text, and what it stands for. */
sealed interface Name {

    /** How much a unit name says on its own; higher wins when names in one text point to different units. */
    enum Strength {
        /** A derived 2-character short form (东风, 新村): counts only when its district is named too. */
        WEAK,
        /** A listed alias or a derived short form of 3+ characters (望京, 回龙观). */
        ALIAS,
        /** A place inside the unit (龙泽苑): more specific than the area's name it is written after. */
        PLACE,
        /** The unit's full name (大峪街道). */
        FULL
    }

    /** The city's own name (北京): says nothing about the district. */
    record City() implements Name {}

    /** A place outside the city (天津, 燕郊). */
    record Outside() implements Name {}

    /** A district's name or alias. */
    record InDistrict(District district) implements Name {}

    /** A name of a unit, or of a place inside one. */
    record InUnit(District district, Unit unit, Strength strength) implements Name {}

    /** A place spanning several units of a district (中关村大街). */
    record Area(District district) implements Name {}
}
