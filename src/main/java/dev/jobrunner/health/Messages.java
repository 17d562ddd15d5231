package dev.jobrunner.health;

/** A failure as one short line for a check's data: the class and message of its root cause. */
final class Messages {
  private Messages() {}

  static String of(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
    String text = root.getClass().getSimpleName() + message;
    return text.length() > 300 ? text.substring(0, 300) : text;
  }
}
