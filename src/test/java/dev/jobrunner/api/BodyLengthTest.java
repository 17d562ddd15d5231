package dev.jobrunner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyLengthTest {

  /** Headers as "Name: value" pairs separated by ';', '-' for none. */
  private static MultivaluedHashMap<String, String> headers(String given) {
    var headers = new MultivaluedHashMap<String, String>();
    if (!given.equals("-")) {
      for (String header : given.split(";")) {
        String[] parts = header.split(":", 2);
        headers.putSingle(parts[0].strip(), parts[1].strip());
      }
    }
    return headers;
  }

  @ParameterizedTest(name = "{0}: read {1} of at most 100")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          -                                        | 100
          Content-Length: 7                        | 7
          Content-Length: 0                        | 0
          Content-Length: 1000                     | 100
          Transfer-Encoding: chunked               | 100
          Upgrade: h2c                             | 0
          Upgrade: h2c; Content-Length: 12         | 12
          """)
  void bytesToRead(String given, int expected) {
    assertEquals(expected, BodyLength.of(headers(given)).toRead(100));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Upgrade: h2c; Transfer-Encoding: chunked | 411
          Content-Length: many                     | 400
          Content-Length: -3                       | 400
          """)
  void refused(String given, int status) {
    ApiException thrown = assertThrows(ApiException.class, () -> BodyLength.of(headers(given)));
    assertEquals(status, thrown.status());
  }
}
