package io.larder.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdminSessionsTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final AdminSessions sessions = new AdminSessions(now::get);

  @Test
  void find_createdSession_returnsIt() {
    AdminSessions.Session session = sessions.create();

    assertThat(sessions.find(session.id())).isSameAs(session);
    assertThat(session.id()).isNotEqualTo(session.csrfToken());
  }

  @Test
  void find_unknownOrMalformedId_returnsNull() {
    sessions.create();

    assertThat(sessions.find("unknown")).isNull();
    assertThat(sessions.find("")).isNull();
    assertThat(sessions.find(null)).isNull();
    assertThat(sessions.find("x".repeat(10_000))).isNull();
  }

  @Test
  void find_afterIdleTimeout_returnsNullAndForgetsTheSession() {
    AdminSessions.Session session = sessions.create();

    now.addAndGet(AdminSessions.IDLE_TIMEOUT_MILLIS);

    assertThat(sessions.find(session.id())).isNull();
    assertThat(sessions.size()).isZero();
  }

  @Test
  void find_usedWithinIdleTimeout_keepsTheSessionAlive() {
    AdminSessions.Session session = sessions.create();

    now.addAndGet(AdminSessions.IDLE_TIMEOUT_MILLIS - 1);
    sessions.find(session.id());
    now.addAndGet(AdminSessions.IDLE_TIMEOUT_MILLIS - 1);

    assertThat(sessions.find(session.id())).isSameAs(session);
  }

  @Test
  void find_pastMaxAge_returnsNullEvenWhenInUse() {
    AdminSessions.Session session = sessions.create();

    long step = AdminSessions.IDLE_TIMEOUT_MILLIS / 2;
    for (long t = 0; t < AdminSessions.MAX_AGE_MILLIS - step; t += step) {
      now.addAndGet(step);
      assertThat(sessions.find(session.id())).isNotNull();
    }
    now.addAndGet(step);

    assertThat(sessions.find(session.id())).isNull();
  }

  @Test
  void remove_endsTheSession() {
    AdminSessions.Session session = sessions.create();

    sessions.remove(session.id());

    assertThat(sessions.find(session.id())).isNull();
  }

  @Test
  void create_beyondTheLimit_endsTheLeastRecentlyUsed() {
    AdminSessions.Session first = sessions.create();
    now.incrementAndGet();
    AdminSessions.Session second = sessions.create();
    for (int i = 2; i < AdminSessions.MAX_SESSIONS; i++) {
      now.incrementAndGet();
      sessions.create();
    }
    now.incrementAndGet();
    sessions.find(first.id());

    sessions.create();

    assertThat(sessions.size()).isEqualTo(AdminSessions.MAX_SESSIONS);
    assertThat(sessions.find(first.id())).isNotNull();
    assertThat(sessions.find(second.id())).isNull();
  }

  @Test
  void csrfMatches_onlyTheSessionsOwnToken() {
    AdminSessions.Session session = sessions.create();

    assertThat(session.csrfMatches(session.csrfToken())).isTrue();
    assertThat(session.csrfMatches(sessions.create().csrfToken())).isFalse();
    assertThat(session.csrfMatches(null)).isFalse();
    assertThat(session.csrfMatches("")).isFalse();
  }
}
