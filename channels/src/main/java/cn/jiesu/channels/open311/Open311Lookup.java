package cn.jiesu.channels.open311;

import cn.jiesu.channels.ChannelResult;

/** The outcome of parsing a GET: a query for the gateway to run, or the error reply to send. */
public sealed interface Open311Lookup {
    record Query(Open311Query query) implements Open311Lookup {}

    record Invalid(ChannelResult.Rejected rejected) implements Open311Lookup {}
}
