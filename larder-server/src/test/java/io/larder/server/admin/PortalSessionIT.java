package io.larder.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.tenant.AuthThrottle;
import io.larder.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The portal's files, sign-in and sign-out, and the API's cookie-plus-CSRF authentication. */
class PortalSessionIT {
  @RegisterExtension static final TestServer server = TestServer.perClass();

  private static AdminHttp http() {
    return AdminHttp.to(server);
  }

  /** A signed-in browser: its cookie header value and CSRF token. */
  private record Browser(String cookie, String csrf) {
    AdminHttp http() {
      return AdminHttp.to(server).header("Cookie", cookie);
    }
  }

  private static Browser signIn() {
    AdminHttp.Reply reply =
        http().call("POST", "/portal/session", "{\"token\":\"" + TestServer.ADMIN_TOKEN + "\"}");
    assertThat(reply.status()).isEqualTo(200);
    String setCookie = reply.header("Set-Cookie");
    return new Browser(
        setCookie.substring(0, setCookie.indexOf(';')), reply.json().get("csrfToken").asText());
  }

  @Test
  void root_servesIndexWithStrictSecurityHeaders() {
    AdminHttp.Reply reply = http().get("/");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(reply.header("Content-Security-Policy"))
        .isEqualTo(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none';"
                + " form-action 'self'");
    assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(reply.body()).contains("<script type=\"module\" src=\"/js/app.js\"></script>");
    assertThat(reply.body()).doesNotContain("http://", "https://");
  }

  @Test
  void assets_scriptAndStyle_haveTheirTypes() {
    assertThat(http().get("/js/app.js").header("Content-Type"))
        .isEqualTo("text/javascript; charset=utf-8");
    assertThat(http().get("/app.css").header("Content-Type")).isEqualTo("text/css; charset=utf-8");
  }

  @Test
  void assets_head_answersHeadersWithoutBody() {
    AdminHttp.Reply reply = http().call("HEAD", "/app.css", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("text/css; charset=utf-8");
    assertThat(reply.body()).isEmpty();
  }

  @Test
  void assets_unknownOrOutsideThePortal_areNotFound() {
    assertThat(http().get("/nothing.js").status()).isEqualTo(404);
    assertThat(http().get("/../admin/openapi.json").status()).isEqualTo(404);
    assertThat(http().get("/%2e%2e/admin/openapi.json").status()).isEqualTo(404);
    assertThat(http().get("/io/larder/server/admin/openapi.json").status()).isEqualTo(404);
    assertThat(http().call("POST", "/", "{}").status()).isEqualTo(405);
  }

  @Test
  void apiResponses_carryTheSecurityHeadersToo() {
    AdminHttp.Reply reply = http().get("/api/health");

    assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(reply.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
  }

  @Test
  void signIn_wrongToken_isUnauthorizedAndSetsNoCookie() {
    AdminHttp.Reply reply = http().call("POST", "/portal/session", "{\"token\":\"wrong\"}");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("Set-Cookie")).isNull();
  }

  @Test
  void signIn_rightToken_setsHttpOnlyStrictCookieAndGivesCsrfToken() {
    AdminHttp.Reply reply =
        http().call("POST", "/portal/session", "{\"token\":\"" + TestServer.ADMIN_TOKEN + "\"}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Set-Cookie"))
        .matches("larder_admin=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict");
    assertThat(reply.json().get("csrfToken").asText()).matches("[A-Za-z0-9_-]{43}");
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void signIn_manyWrongTokens_refusesTheAddressForAWhileWith429() {
    try (TestServer own = TestServer.start()) {
      for (int i = 0; i < AuthThrottle.FREE_FAILURES; i++) {
        AdminHttp.to(own).call("POST", "/portal/session", "{\"token\":\"guess-" + i + "\"}");
      }

      AdminHttp.Reply right =
          AdminHttp.to(own)
              .call("POST", "/portal/session", "{\"token\":\"" + TestServer.ADMIN_TOKEN + "\"}");
      AdminHttp.Reply bearer = AdminHttp.to(own).bearer().get("/api/caches");

      assertThat(right.status()).isEqualTo(429);
      assertThat(right.header("Retry-After")).matches("[1-9][0-9]*");
      assertThat(right.header("Set-Cookie")).isNull();
      assertThat(bearer.status()).isEqualTo(429);
    }
  }

  @Test
  void session_get_givesTheSameCsrfTokenBack() {
    Browser browser = signIn();

    AdminHttp.Reply reply = browser.http().get("/portal/session");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("csrfToken").asText()).isEqualTo(browser.csrf());
    assertThat(http().get("/portal/session").status()).isEqualTo(401);
  }

  @Test
  void cookie_readsTheApiWithoutCsrfToken() {
    Browser browser = signIn();

    assertThat(browser.http().get("/api/caches").status()).isEqualTo(200);
  }

  @Test
  void cookie_changeWithoutCsrfToken_isForbiddenAndChangesNothing() {
    Browser browser = signIn();

    AdminHttp.Reply reply = browser.http().call("POST", "/api/caches", "{\"name\":\"no-csrf\"}");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.json().get("detail").asText()).contains("X-CSRF-Token");
    assertThat(http().bearer().get("/api/caches/no-csrf").status()).isEqualTo(404);
  }

  @Test
  void cookie_changeWithWrongCsrfToken_isForbidden() {
    Browser browser = signIn();

    AdminHttp.Reply reply =
        browser
            .http()
            .header("X-CSRF-Token", browser.csrf() + "x")
            .call("POST", "/api/caches", "{\"name\":\"wrong-csrf\"}");

    assertThat(reply.status()).isEqualTo(403);
  }

  @Test
  void cookie_changeWithCsrfToken_isDone() {
    Browser browser = signIn();

    AdminHttp.Reply reply =
        browser
            .http()
            .header("X-CSRF-Token", browser.csrf())
            .header("Origin", http().origin())
            .call("POST", "/api/caches", "{\"name\":\"with-csrf\"}");

    assertThat(reply.status()).isEqualTo(201);
  }

  @Test
  void cookie_changeFromAnotherOrigin_isForbiddenEvenWithCsrfToken() {
    Browser browser = signIn();

    AdminHttp.Reply reply =
        browser
            .http()
            .header("X-CSRF-Token", browser.csrf())
            .header("Origin", "http://evil.example")
            .call("POST", "/api/caches", "{\"name\":\"cross-site\"}");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(http().bearer().get("/api/caches/cross-site").status()).isEqualTo(404);
  }

  @Test
  void csrfToken_ofAnotherSession_isRefused() {
    Browser one = signIn();
    Browser other = signIn();

    AdminHttp.Reply reply =
        one.http()
            .header("X-CSRF-Token", other.csrf())
            .call("POST", "/api/caches", "{\"name\":\"mixed-csrf\"}");

    assertThat(reply.status()).isEqualTo(403);
  }

  @Test
  void bearer_changeNeedsNoCsrfToken() {
    AdminHttp.Reply reply = http().bearer().call("POST", "/api/caches", "{\"name\":\"bearer\"}");

    assertThat(reply.status()).isEqualTo(201);
  }

  @Test
  void madeUpCookie_isUnauthorized() {
    AdminHttp.Reply reply = http().header("Cookie", "larder_admin=made-up").get("/api/caches");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().get("detail").asText()).contains("sign in again");
  }

  @Test
  void signOut_clearsTheCookieAndEndsTheSession() {
    Browser browser = signIn();

    AdminHttp.Reply reply =
        browser
            .http()
            .header("X-CSRF-Token", browser.csrf())
            .call("DELETE", "/portal/session", null);

    assertThat(reply.status()).isEqualTo(204);
    assertThat(reply.header("Set-Cookie"))
        .isEqualTo("larder_admin=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    assertThat(browser.http().get("/api/caches").status()).isEqualTo(401);
  }

  @Test
  void signOut_withoutCsrfToken_isForbiddenAndTheSessionLives() {
    Browser browser = signIn();

    AdminHttp.Reply reply = browser.http().call("DELETE", "/portal/session", null);

    assertThat(reply.status()).isEqualTo(403);
    assertThat(browser.http().get("/api/caches").status()).isEqualTo(200);
  }
}
