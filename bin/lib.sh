# Shared by the bin/ scripts.

# Payara Micro 7 needs Java 21+; the machine's default java may be older.
use_java_21_or_newer() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    if [[ -n "$candidate" && -x "$candidate/bin/java" ]] && \
       [[ "$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')" -ge 21 ]]; then
      export JAVA_HOME="$candidate"
      return
    fi
  done
  echo "Job Runner needs Java 21 or newer: set JAVA_HOME to such a JDK." >&2
  exit 1
}

absolute() { mkdir -p "$1" && (cd "$1" && pwd); }

# A key pair for trying the service without an identity provider. Made on first use, kept in the data
# directory, never committed; the server trusts it only when no SSO key is configured.
ensure_local_key_pair() {
  local dir="$JOBRUNNER_DATA_DIR/local-jwt"
  if [[ ! -f "$dir/private.pem" ]]; then
    mkdir -p "$dir" && chmod 700 "$dir"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/private.pem" 2>/dev/null
    openssl pkey -in "$dir/private.pem" -pubout -out "$dir/public.pem"
  fi
}
