package dev.jobrunner.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response.Status;

/**
 * How many bytes of a request body to read: its Content-Length when it gives one, else up to the
 * end of the body ({@link #TO_THE_END}).
 *
 * <p>A request offering a protocol upgrade (an {@code Upgrade} header: the JDK's HttpClient and
 * {@code curl --http2} offer h2c with their first request) reaches the application unparsed on
 * Payara. HTTP/2 is off there (server-config/pre-boot-commands.asadmin), and Grizzly then hands the
 * request over as the start of a raw connection, whose end is the connection's. So there the
 * Content-Length is the body's only bound: none means no body, and a chunked body cannot be told
 * apart from what follows it (411 at once, rather than a read that waits for the connection's
 * timeout).
 */
record BodyLength(long bytes) {
  static final BodyLength TO_THE_END = new BodyLength(-1);

  static BodyLength of(MultivaluedMap<String, String> headers) {
    String declared = headers.getFirst(HttpHeaders.CONTENT_LENGTH);
    if (declared != null) {
      long bytes;
      try {
        bytes = Long.parseLong(declared.strip());
      } catch (NumberFormatException malformed) {
        bytes = -1;
      }
      if (bytes < 0) {
        throw ApiException.badRequest("Content-Length is not a number of bytes");
      }
      return new BodyLength(bytes);
    }
    if (headers.getFirst("Upgrade") == null) {
      return TO_THE_END;
    }
    if (headers.getFirst("Transfer-Encoding") != null) {
      throw new ApiException(
          Status.LENGTH_REQUIRED,
          "A request offering a protocol upgrade needs a Content-Length: send its body with one,"
              + " or over HTTP/1.1 without the upgrade");
    }
    return new BodyLength(0);
  }

  /** The bytes to read, at most {@code limit}. */
  int toRead(int limit) {
    return bytes < 0 ? limit : (int) Math.min(bytes, limit);
  }
}
