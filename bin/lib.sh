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

# Maven: the machine's when it has one, else the wrapper (which fetches the version it names, once).
maven() {
  if command -v mvn >/dev/null; then mvn "$@"; else ./mvnw "$@"; fi
}

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

# JOBRUNNER_CLUSTER as a pre-boot command file ($1) that replaces the data grid discovery bundled in the jar
# (server-config/pre-boot-commands.asadmin, loopback): a file given at start is applied after it.
#   tcpip:10.0.0.11:6940,10.0.0.12:6940   a fixed member list
#   dns:job-runner.internal:6940          the members a DNS name resolves to
#   kubernetes:NAMESPACE,SERVICE          the pods behind a Kubernetes service
write_cluster_discovery() {
  local spec="$JOBRUNNER_CLUSTER" setting="set hazelcast-runtime-configuration"
  {
    case "$spec" in
      tcpip:*) echo "$setting.discovery-mode=tcpip"; echo "$setting.tcpip-members=${spec#tcpip:}" ;;
      dns:*) echo "$setting.discovery-mode=dns"; echo "$setting.dns-members=${spec#dns:}" ;;
      kubernetes:*,*)
        local target="${spec#kubernetes:}"
        echo "$setting.discovery-mode=kubernetes"
        echo "$setting.kubernetes-namespace=${target%%,*}"
        echo "$setting.kubernetes-service-name=${target#*,}" ;;
      *) echo "JOBRUNNER_CLUSTER=$spec: use none, tcpip:HOST:PORT,..., dns:NAME:PORT or kubernetes:NAMESPACE,SERVICE" >&2
         return 1 ;;
    esac
    # Members on other hosts: listen on every interface unless one is named.
    echo "$setting.interface=${JOBRUNNER_CLUSTER_INTERFACE:-*.*.*.*}"
    [[ -z "${JOBRUNNER_CLUSTER_PORT:-}" ]] || echo "$setting.start-port=$JOBRUNNER_CLUSTER_PORT"
    [[ -z "${JOBRUNNER_CLUSTER_NAME:-}" ]] || echo "$setting.cluster-group-name=$JOBRUNNER_CLUSTER_NAME"
  } >"$1"
}
