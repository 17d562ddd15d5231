package dev.jobrunner.api;

/**
 * A validated {@code ?size=&page=} pair. {@code size} defaults to 50; above 100 it is clamped to
 * 100 (the spec's maximum); below 1 or not a whole number it is refused. {@code page} starts at 1.
 */
public record PageRequest(int size, int page) {
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 100;

  public PageRequest {
    if (size < 1 || size > MAX_SIZE || page < 1) {
      throw new IllegalArgumentException("size " + size + ", page " + page);
    }
  }

  /** Parses the raw query values; {@code null} or blank means "not given". */
  public static PageRequest parse(String size, String page) {
    int parsedSize = parsePositive("size", size, DEFAULT_SIZE, "an integer from 1 to " + MAX_SIZE);
    int parsedPage = parsePositive("page", page, 1, "an integer from 1");
    return new PageRequest(Math.min(parsedSize, MAX_SIZE), parsedPage);
  }

  private static int parsePositive(String name, String raw, int fallback, String expected) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      if (!raw.strip().matches("-?[0-9]+")) {
        throw new NumberFormatException("not plain ASCII digits");
      }
      int value = Integer.parseInt(raw.strip());
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException tooLargeOrNotANumber) {
      if (raw.strip().matches("[0-9]+")) {
        return Integer
            .MAX_VALUE; // a huge but well-formed number: clamped (size) or past the end (page)
      }
    }
    throw ApiException.badRequest(
        "Invalid " + name + " \"" + UserText.printable(raw) + "\". Use " + expected);
  }

  /** Index of the first record of this page, as a long so huge page numbers cannot overflow. */
  public long offset() {
    return (long) (page - 1) * size;
  }

  /** The number of pages for {@code count} records; an empty list still has one (empty) page. */
  public int maxPage(long count) {
    return (int) Math.clamp((count + size - 1) / size, 1, Integer.MAX_VALUE);
  }
}
