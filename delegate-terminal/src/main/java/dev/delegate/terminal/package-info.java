/**
 * Reading what agent CLIs print in a pseudo-terminal.
 *
 * <ul>
 *   <li>{@link dev.delegate.terminal.TerminalText}: the output as a stream of plain-text lines with
 *       absolute line numbers, for line-oriented programs and for logs.
 *   <li>{@link dev.delegate.terminal.TerminalScreen}: what a terminal of a given size shows, for
 *       full-screen and redrawing TUIs (Codex, Claude Code), on JLine's {@code ScreenTerminal}.
 *   <li>{@link dev.delegate.terminal.Ansi#strip}: one-shot stripping for logs.
 * </ul>
 *
 * <p>Both views parse the stream with the same incremental parser, so chunks may be cut anywhere,
 * and both report OSC payloads (window titles, Codex's {@code 7501;state=...}) to a listener.
 */
package dev.delegate.terminal;
