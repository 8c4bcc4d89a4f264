package dev.kizuna.server.media;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Media settings: the mode and, for {@code bridge} and {@code auto}, the Jitsi Videobridge to use.
 *
 * @param mode how rooms carry media
 * @param jvbUrl the bridge's colibri2 REST base URL ({@code http://jvb:8080}); required unless P2P
 * @param timeout limit per colibri2 request
 */
public record MediaSettings(MediaMode mode, Optional<URI> jvbUrl, Duration timeout) {

  public MediaSettings {
    if (mode != MediaMode.P2P && jvbUrl.isEmpty()) {
      throw new IllegalArgumentException("KIZUNA_MEDIA_MODE " + mode.name().toLowerCase(Locale.ROOT)
          + " needs KIZUNA_JVB_URL (the bridge's colibri2 REST base URL, e.g. http://jvb:8080)");
    }
    jvbUrl.ifPresent(url -> {
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
        throw new IllegalArgumentException("KIZUNA_JVB_URL must be an http or https URL, got '" + url + "'");
      }
    });
  }
}
