package dev.jobrunner.api;

/** Makes client input safe to echo in a message or a log line. */
public final class UserText {
  private static final int MAX_SHOWN = 80;

  private UserText() {}

  /** Shortened to 80 characters (then "...") with control characters escaped as \\uXXXX. */
  public static String printable(String text) {
    String shortened = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
    StringBuilder out = new StringBuilder(shortened.length());
    shortened
        .codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
