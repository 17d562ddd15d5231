package dev.jobrunner.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs test tokens with the test-only key in src/test/resources/test-keys, which the server trusts
 * only in the test runs (MP_JWT_VERIFY_PUBLICKEY_LOCATION set by the build).
 */
public final class TestTokens {
  public static final String ISSUER = "job-runner-local";
  public static final String READ = "job_runner:read";
  public static final String WRITE = "job_runner:write";
  public static final String ADMIN = "job_runner:admin";

  /** The {@code sub} of every test token: the audit trail's actor for changes made with them. */
  public static final String SUBJECT = "test-user";

  private static final RSAPrivateKey KEY = loadKey();

  private TestTokens() {}

  public static String withPermissions(String... groups) {
    return sign(KEY, ISSUER, Instant.now().plus(Duration.ofHours(1)), groups);
  }

  /** A token for another person, to tell who did what. */
  public static String withSubject(String subject, String... groups) {
    return sign(KEY, ISSUER, subject, Instant.now().plus(Duration.ofHours(1)), groups);
  }

  public static String readWrite() {
    return withPermissions(READ, WRITE);
  }

  /** Manages API keys and reads the audit trail; no read or write on jobs. */
  public static String admin() {
    return withPermissions(ADMIN);
  }

  public static String expired(String... groups) {
    return sign(KEY, ISSUER, Instant.now().minus(Duration.ofHours(1)), groups);
  }

  public static String wrongIssuer(String... groups) {
    return sign(KEY, "someone-else", Instant.now().plus(Duration.ofHours(1)), groups);
  }

  public static String signedByAnotherKey(String... groups) {
    try {
      RSAKey other = new RSAKeyGenerator(2048).generate();
      return sign(other.toRSAPrivateKey(), ISSUER, Instant.now().plus(Duration.ofHours(1)), groups);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(RSAPrivateKey key, String issuer, Instant expires, String... groups) {
    return sign(key, issuer, SUBJECT, expires, groups);
  }

  private static String sign(
      RSAPrivateKey key, String issuer, String subject, Instant expires, String... groups) {
    try {
      var claims =
          new JWTClaimsSet.Builder()
              .issuer(issuer)
              .subject(subject)
              .claim("upn", subject)
              .claim("groups", List.of(groups))
              .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
              .expirationTime(Date.from(expires))
              .jwtID(UUID.randomUUID().toString())
              .build();
      var jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAPrivateKey loadKey() {
    try {
      String pem = Files.readString(Path.of("src/test/resources/test-keys/private.pem"));
      String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      var spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
      return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(spec);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
