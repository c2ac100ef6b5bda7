package cn.jiesu.core.hotspot;

import java.time.Instant;

/** What the detector reports: a hotspot opened, grew by one appeal, or closed. */
public sealed interface HotspotEvent {
    Hotspot hotspot();

    /** A key's window count became improbably high; the hotspot lists the window's appeals. */
    record HotspotOpened(Hotspot hotspot) implements HotspotEvent {}

    /** An appeal of the key joined its open hotspot. */
    record HotspotGrew(Hotspot hotspot, String appealId) implements HotspotEvent {}

    /** The key's rate was back to normal for the window's hold time. */
    record HotspotClosed(Hotspot hotspot, Instant closedAt) implements HotspotEvent {}
}
