package dev.jobrunner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {
  private static final String HUGE = "99999999999999999999";

  @ParameterizedTest(name = "size \"{0}\" means the default")
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\t"})
  void missingOrBlankValuesMeanDefaults(String raw) {
    assertEquals(new PageRequest(50, 1), PageRequest.parse(raw, raw));
  }

  @Test
  void defaultsAre50And1() {
    PageRequest request = PageRequest.parse(null, null);
    assertEquals(50, request.size());
    assertEquals(1, request.page());
    assertEquals(PageRequest.DEFAULT_SIZE, request.size());
  }

  @ParameterizedTest(name = "size={0} page={1} -> size {2}, page {3}")
  @CsvSource({
    "1, 1, 1, 1",
    "10, 3, 10, 3",
    "99, 2, 99, 2",
    "100, 7, 100, 7",
    "101, 1, 100, 1", // clamped
    "1000, 1, 100, 1", // clamped
    "2147483647, 2147483647, 100, 2147483647",
    "007, 02, 7, 2", // leading zeros are still integers
  })
  void parsesAndClampsSize(String size, String page, int expectedSize, int expectedPage) {
    assertEquals(new PageRequest(expectedSize, expectedPage), PageRequest.parse(size, page));
  }

  @Test
  void surroundingWhitespaceIsIgnored() {
    assertEquals(new PageRequest(20, 4), PageRequest.parse(" 20 ", "\t4 "));
  }

  @ParameterizedTest(name = "size \"{0}\" is refused")
  @ValueSource(strings = {"0", "-1", "-100", "abc", "1.5", "1e2", "0x10", "10 20", "-" + HUGE, "٫"})
  void invalidSizeIsABadRequest(String size) {
    ApiException thrown = assertThrows(ApiException.class, () -> PageRequest.parse(size, null));

    assertEquals(400, thrown.status());
    assertEquals(
        "Invalid size \"" + size + "\". Use an integer from 1 to 100", thrown.getMessage());
    assertEquals(thrown.getMessage(), thrown.toError().error());
    assertNull(thrown.toError().errors());
  }

  @ParameterizedTest(name = "page \"{0}\" is refused")
  @ValueSource(strings = {"0", "-1", "x", "1.0", "first", "-" + HUGE})
  void invalidPageIsABadRequest(String page) {
    ApiException thrown = assertThrows(ApiException.class, () -> PageRequest.parse("10", page));

    assertEquals(400, thrown.status());
    assertEquals("Invalid page \"" + page + "\". Use an integer from 1", thrown.getMessage());
  }

  @Test
  void exactMessageForANonNumericSize() {
    ApiException thrown = assertThrows(ApiException.class, () -> PageRequest.parse("abc", "1"));
    assertEquals("Invalid size \"abc\". Use an integer from 1 to 100", thrown.toError().error());
  }

  @Test
  void sizeIsCheckedBeforePage() {
    ApiException thrown = assertThrows(ApiException.class, () -> PageRequest.parse("0", "0"));
    assertEquals("Invalid size \"0\". Use an integer from 1 to 100", thrown.getMessage());
  }

  @Test
  void hugeSizeIsClampedTo100() {
    assertEquals(new PageRequest(100, 1), PageRequest.parse(HUGE, null));
  }

  @Test
  void hugePageBecomesIntegerMaxValueWithoutOverflow() {
    PageRequest request = PageRequest.parse(null, HUGE);

    assertEquals(Integer.MAX_VALUE, request.page());
    assertEquals(50, request.size());
    assertEquals((Integer.MAX_VALUE - 1L) * 50L, request.offset());
  }

  @Test
  void hugeSizeAndPageTogether() {
    PageRequest request = PageRequest.parse(HUGE, HUGE);

    assertEquals(new PageRequest(100, Integer.MAX_VALUE), request);
    assertEquals(214_748_364_600L, request.offset());
  }

  @ParameterizedTest(name = "size {0}, page {1} starts at record {2}")
  @CsvSource({
    "50, 1, 0",
    "50, 2, 50",
    "50, 3, 100",
    "1, 1, 0",
    "1, 10, 9",
    "100, 2147483647, 214748364600",
    "37, 1000000, 36999963",
  })
  void offsetIsALong(int size, int page, long offset) {
    assertEquals(offset, new PageRequest(size, page).offset());
  }

  @ParameterizedTest(name = "{1} records at size {0} make {2} page(s)")
  @CsvSource({
    "50, 0, 1",
    "50, 1, 1",
    "50, 49, 1",
    "50, 50, 1",
    "50, 51, 2",
    "50, 100, 2",
    "50, 101, 3",
    "1, 0, 1",
    "1, 1, 1",
    "1, 7, 7",
    "100, 1000, 10",
    "100, 1001, 11",
    "3, 10, 4",
  })
  void maxPage(int size, long count, int pages) {
    assertEquals(pages, new PageRequest(size, 1).maxPage(count));
  }

  @ParameterizedTest(name = "new PageRequest({0}, {1}) throws")
  @CsvSource({"0, 1", "-1, 1", "101, 1", "50, 0", "50, -1"})
  void constructorRejectsOutOfRange(int size, int page) {
    assertThrows(IllegalArgumentException.class, () -> new PageRequest(size, page));
  }
}
