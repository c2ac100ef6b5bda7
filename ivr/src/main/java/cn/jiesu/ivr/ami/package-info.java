/**
 * AMI adapter: Asterisk-Java stays inside this package.
 *
 * <p>How an AMI event flows: socket → {@link cn.jiesu.ivr.ami.WireTap} (Asterisk-Java's reader thread: numbers the
 * events the tracker needs, strips {@code ChanVariable} lines into {@link cn.jiesu.ivr.ami.EventRing}) →
 * Asterisk-Java's parser and its 20,000-event dispatch queue → {@link cn.jiesu.ivr.ami.EventHandoff} (Asterisk-Java's
 * dispatch thread: hole check, {@link cn.jiesu.ivr.ami.ManagerEventTranslator}, {@code offer} to the bounded queue)
 * → the connector's single consumer (virtual) thread → {@link cn.jiesu.ivr.call.CallEventSink} (the call tracker).
 *
 * <p>Threads: {@code ami-supervisor} (virtual: login, backoff, gap bookkeeping), {@code ami-consumer} (virtual: the
 * only thread that touches the tracker), {@code ami-timer} (platform: pings, periodic reconcile; it only schedules),
 * virtual workers (pings, CoreShowChannels listings, logoffs, originate completions), and per session four
 * Asterisk-Java threads (a reader and a dispatch pump per connection).
 */
package cn.jiesu.ivr.ami;
