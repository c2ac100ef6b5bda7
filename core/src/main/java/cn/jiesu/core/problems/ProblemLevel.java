package cn.jiesu.core.problems;

/** How wide a recurring problem's place is: the whole city, one district, or one street-level unit of it. */
public enum ProblemLevel {
    CITY,
    DISTRICT,
    STREET
}
