package dev.jobrunner.alerts.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A notification receiver's URL: absolute http or https with a host; shown in logs without path or
 * query.
 */
final class NotifyUrl {
  private NotifyUrl() {}

  static URI parse(String text, String setting) {
    try {
      URI url = new URI(text.strip());
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException malformed) {
      // reported below
    }
    throw new IllegalStateException(setting + " must be an absolute http or https URL");
  }

  /** Scheme, host and port only: a receiver's path or query may hold a token (chat webhooks do). */
  static String shown(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
  }
}
