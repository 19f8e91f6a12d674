package io.larder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LarderClientBuilderTest {

  private static Settings fromUrl(String url) {
    return LarderClient.builder().url(url).settings();
  }

  @Test
  void url_larderEndpoint_setsHostPortCacheAndKey() {
    Settings settings = fromUrl("redis://shop:s3cr3t-Key_0123456789@cache.internal:6380");
    assertThat(settings.host()).isEqualTo("cache.internal");
    assertThat(settings.port()).isEqualTo(6380);
    assertThat(settings.cache()).isEqualTo("shop");
    assertThat(settings.key()).isEqualTo("s3cr3t-Key_0123456789");
    assertThat(settings.tls()).isFalse();
  }

  @Test
  void url_rediss_enablesTls() {
    Settings settings = fromUrl("rediss://shop:key@cache.internal:6380");
    assertThat(settings.tls()).isTrue();
    assertThat(settings.uri().isSsl()).isTrue();
  }

  @Test
  void url_passwordOnly_authenticatesAsDefault() {
    assertThat(fromUrl("redis://:pw@h:1").cache()).isEqualTo("default");
    assertThat(fromUrl("redis://:pw@h:1").key()).isEqualTo("pw");
    assertThat(fromUrl("redis://pw@h:1").cache()).isEqualTo("default");
    assertThat(fromUrl("redis://pw@h:1").key()).isEqualTo("pw");
  }

  @Test
  void url_noCredentials_connectsWithoutAuth() {
    assertThat(fromUrl("redis://localhost:6379").key()).isNull();
  }

  @Test
  void url_noPort_usesRedisDefault() {
    assertThat(fromUrl("redis://h").port()).isEqualTo(6379);
  }

  @Test
  void url_percentEncodedKey_decodes() {
    assertThat(fromUrl("redis://shop:a%2Fb%3Ac+d@h:1").key()).isEqualTo("a/b:c+d");
  }

  @Test
  void url_ipv6Host_dropsBrackets() {
    Settings settings = fromUrl("redis://[::1]:6380");
    assertThat(settings.host()).isEqualTo("::1");
    assertThat(settings.endpoint()).isEqualTo("[::1]:6380");
  }

  @Test
  void url_databasePath_setsDatabase() {
    assertThat(fromUrl("redis://h:1/2").database()).isEqualTo(2);
  }

  @Test
  void url_otherScheme_throwsIllegalArgumentException() {
    assertThatThrownBy(() -> fromUrl("http://h:1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redis://");
  }

  @Test
  void url_queryParameters_throwIllegalArgumentException() {
    assertThatThrownBy(() -> fromUrl("redis://h:1?timeout=5s"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void url_thenOverrides_laterSettingsWin() {
    Settings settings =
        LarderClient.builder().url("redis://shop:key@h:1").port(2).cache("other").settings();
    assertThat(settings.port()).isEqualTo(2);
    assertThat(settings.cache()).isEqualTo("other");
    assertThat(settings.key()).isEqualTo("key");
  }

  @Test
  void builder_defaults_areBounded() {
    Settings settings = LarderClient.builder().settings();
    assertThat(settings.host()).isEqualTo("localhost");
    assertThat(settings.port()).isEqualTo(6380);
    assertThat(settings.cache()).isEqualTo("default");
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.retries()).isEqualTo(2);
  }

  @Test
  void builder_parts_makeLettuceUri() {
    RedisURI uri =
        LarderClient.builder()
            .host("h")
            .port(7000)
            .cache("shop")
            .key("k")
            .commandTimeout(Duration.ofMillis(500))
            .settings()
            .uri();
    assertThat(uri.getHost()).isEqualTo("h");
    assertThat(uri.getPort()).isEqualTo(7000);
    assertThat(uri.getTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(uri.getCredentialsProvider()).isNotNull();
  }

  @Test
  void builder_invalidValues_throwIllegalArgumentException() {
    assertThatThrownBy(() -> LarderClient.builder().port(0).settings())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LarderClient.builder().host(" ").settings())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LarderClient.builder().commandTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LarderClient.builder().retries(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LarderClient.builder().exclusiveConnections(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_neverShowsTheKey() {
    try (LarderClient client = LarderClient.create("redis://shop:topsecretkey@127.0.0.1:1")) {
      assertThat(client.toString())
          .isEqualTo("LarderClient[redis://shop@127.0.0.1:1]")
          .doesNotContain("topsecretkey");
    }
  }
}
