package cn.jiesu.core.intake;

/** Coordinate reference system of a latitude/longitude pair: Chinese map SDKs shift coordinates. */
public enum Crs {
    WGS84,
    GCJ02,
    BD09
}
