/**
 * The HttpSession provider: Jakarta Servlet 6 sessions stored in a Larder cache (or any
 * Redis-compatible server), shared by every instance of a web application.
 *
 * <p>Public: {@link io.larder.session.LarderSessionFilter} (registered by the jar's web-fragment),
 * {@link io.larder.session.SessionConfig} (the settings) and {@link
 * io.larder.session.SessionUnavailableException}. Everything else is package-private: the request
 * and response wrappers ({@code SessionRequest}, {@code SessionResponse}), the session as a request
 * sees it ({@code LarderHttpSession} over {@code SessionState}), the storage ({@code
 * SessionRepository}, {@code StoredSession}, {@code SessionWrite}, {@code SessionKeys}), ids,
 * cookies, listeners and settings resolution.
 *
 * <p>Depends on the Servlet API (provided by the container), larder-client (connections, codecs,
 * locks) and SLF4J. Uses plain Redis commands (HGETALL, HSET, HDEL, PEXPIRE, RENAMENX, DEL, and the
 * client's locks), never scripts.
 */
package io.larder.session;
