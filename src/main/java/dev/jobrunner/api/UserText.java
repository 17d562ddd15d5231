package dev.jobrunner.api;

import java.util.regex.Pattern;

/** Makes client input safe to echo in a message or a log line. */
public final class UserText {
  private static final int MAX_SHOWN = 80;

  /** C0/C1 controls and the bidi overrides and isolates that can disguise text. */
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069]");

  private UserText() {}

  /**
   * Whether the text holds control characters or bidi overrides, refused in names, titles and
   * reasons.
   */
  public static boolean hasControlCharacters(String text) {
    return CONTROL.matcher(text).find();
  }

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
