/**
 * Call tracking, free of Asterisk-Java: {@link cn.jiesu.ivr.call.CallEvent} records in,
 * {@link cn.jiesu.ivr.call.CallTracker} following each call by Linkedid, and one phone appeal per finished inbound
 * call out through {@link cn.jiesu.ivr.call.IntakeAppender} to the {@link cn.jiesu.core.appeal.AppealStore}.
 * Read-only views for the agent console: {@link cn.jiesu.ivr.call.CallBoard} and
 * {@link cn.jiesu.ivr.call.AgentCallListener}.
 */
package cn.jiesu.ivr.call;
