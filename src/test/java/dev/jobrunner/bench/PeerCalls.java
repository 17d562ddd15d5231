package dev.jobrunner.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * A peer's calls: Apache HttpClient 5 (the client Job Runner uses), its connection pool sized to
 * the peer's worker threads; one POST of {@code {}} as JSON per execution, with the execution's
 * {@code Idempotency-Key}.
 */
final class PeerCalls implements AutoCloseable {
  private final CloseableHttpClient client;
  private final String url;

  PeerCalls(String url, int threads) {
    this.url = url;
    var pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(threads)
            .setMaxConnPerRoute(threads)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(5, TimeUnit.SECONDS)
                    .setSocketTimeout(30, TimeUnit.SECONDS)
                    .build())
            .build();
    client = HttpClients.custom().setConnectionManager(pool).build();
  }

  /** One call; an answer other than 2xx, or no answer, is an exception (the execution failed). */
  void post(String key) {
    var post = new HttpPost(url);
    post.setHeader("Idempotency-Key", key);
    post.setEntity(new StringEntity("{}", ContentType.APPLICATION_JSON));
    try {
      int status =
          client.execute(
              post,
              response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
              });
      if (status / 100 != 2) {
        throw new IOException(url + " answered " + status);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
