package cn.jiesu.gateway.history;

import java.io.IOException;

/** The import file's appeals one at a time, each as a history line's JSON or why it has none. */
public interface HistoryLines {
    /** The next one; null at the end of the input. */
    LineReader.Line next() throws IOException;
}
