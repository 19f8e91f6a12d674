package io.larder.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code larder.session.header-name}: session ids in a header, for API clients, and no cookie. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeaderSessionIdsIT {
  private static final String HEADER = "X-Auth-Token";

  private final HttpClient http = HttpClient.newHttpClient();
  private TestServer larder;
  private AppServer a;
  private AppServer b;

  @BeforeAll
  void start() {
    larder = TestServer.start();
    Map<String, String> params =
        Map.of(
            "larder.url",
            new Backend("Larder", larder.port()).url(),
            "larder.session.application-name",
            "headers",
            "larder.session.header-name",
            HEADER);
    a = TomcatServer.start(params);
    b = TomcatServer.start(params);
  }

  @AfterAll
  void stop() {
    b.close();
    a.close();
    larder.close();
  }

  private HttpResponse<String> get(AppServer server, String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (token != null) {
      request.header(HEADER, token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void newSession_idInTheResponseHeader_noCookie_andTheHeaderCarriesItToTheOtherInstance()
      throws Exception {
    HttpResponse<String> created = get(a, "/set?name=user&value=ada", null);
    String token = created.headers().firstValue(HEADER).orElseThrow();

    HttpResponse<String> read = get(b, "/get?name=user", token);

    assertThat(created.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(token).isEqualTo(get(a, "/id", token).body());
    assertThat(read.body()).isEqualTo("ada");
    assertThat(read.headers().firstValue(HEADER)).as("sent only when it changes").isEmpty();
  }

  @Test
  void changeSessionId_newIdInTheHeader_oldOneGone() throws Exception {
    String token =
        get(a, "/set?name=user&value=ada", null).headers().firstValue(HEADER).orElseThrow();

    HttpResponse<String> changed = get(b, "/change-id", token);
    String newToken = changed.headers().firstValue(HEADER).orElseThrow();

    assertThat(newToken).isEqualTo(changed.body()).isNotEqualTo(token);
    assertThat(get(a, "/get?name=user", newToken).body()).isEqualTo("ada");
    assertThat(get(a, "/get?name=user", token).body()).isEqualTo("no session");
  }

  @Test
  void invalidate_emptyHeaderTellsTheClient() throws Exception {
    String token =
        get(a, "/set?name=user&value=ada", null).headers().firstValue(HEADER).orElseThrow();

    HttpResponse<String> invalidated = get(b, "/invalidate", token);

    assertThat(invalidated.headers().firstValue(HEADER)).hasValue("");
    assertThat(get(a, "/get?name=user", token).body()).isEqualTo("no session");
  }

  @Test
  void aCookieIsIgnored_andAMalformedHeaderIsNoSession() throws Exception {
    String token =
        get(a, "/set?name=user&value=ada", null).headers().firstValue(HEADER).orElseThrow();
    HttpRequest withCookie =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port() + "/get?name=user"))
            .header("Cookie", "SESSION=" + token)
            .build();

    assertThat(http.send(withCookie, HttpResponse.BodyHandlers.ofString()).body())
        .isEqualTo("no session");
    assertThat(get(a, "/get?name=user", "../../etc/passwd").body()).isEqualTo("no session");
  }
}
