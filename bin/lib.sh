# Shared by the bin/ scripts.

# Payara Micro 7 needs Java 21+; the machine's default java may be older.
use_java_21_or_newer() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    if [[ -n "$candidate" && -x "$candidate/bin/java" ]] && \
       [[ "$(JAVA_HOME="$candidate" java_version)" -ge 21 ]]; then
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

# The start-up cache: JDK 25's ahead-of-time cache (JEP 483/514/515) of the classes the server loads and links at
# start, kept beside the jar ($1, cache ${1%.jar}.aot) and made for that build only. Sets cache_options for the
# java command line of the server on port $2:
#  - a cache newer than the jar: -XX:AOTCache (the JVM checks it matches this jar and JDK; if it does not, or the
#    file is damaged, it warns in the server log and starts without it);
#  - none, or one older than the jar: deleted, and this start trains a new one (-XX:AOTCacheOutput): the JVM
#    writes it when the server stops (a few seconds more at that stop, once), into a file of this port's, which
#    keep_start_cache then puts in place. A server killed (kill -9) writes none: the next start trains again.
#  - JOBRUNNER_START_CACHE=off, or a JDK before 25: nothing.
start_cache() {
  cache_options=() start_cache_training=""
  local cache="${1%.jar}.aot"
  [[ "${JOBRUNNER_START_CACHE:-aot}" != off ]] || return 0
  [[ "$(java_version)" -ge 25 ]] || return 0
  if [[ -s "$cache" && "$cache" -nt "$1" ]]; then
    cache_options=("-XX:AOTCache=$cache")
  else
    rm -f "$cache"
    start_cache_training="$cache.$2.new"
    rm -f "$start_cache_training"
    cache_options=("-XX:AOTCacheOutput=$start_cache_training")
    echo "No start-up cache for this build yet: this start trains one (written when the server stops)"
  fi
}

# After the server stopped: the cache its training start wrote, if any, put in place for the next start.
keep_start_cache() {
  if [[ -n "${start_cache_training:-}" && -s "$start_cache_training" ]]; then
    mv -f "$start_cache_training" "${start_cache_training%.*.new}"
    echo "Start-up cache written: ${start_cache_training%.*.new}"
  fi
  [[ -z "${start_cache_training:-}" ]] || rm -f "$start_cache_training"
  start_cache_training=""
}

# After the start: a cache the JVM refused (damaged, or made for another jar or JDK: it said so in the server log
# $1 and started without it) is deleted, so that the next start trains a new one.
drop_refused_start_cache() {
  local option="${cache_options[0]:-}"
  if [[ "$option" == -XX:AOTCache=* ]] && grep -q "error has occurred while processing the AOT cache" "$1"; then
    rm -f "${option#-XX:AOTCache=}"
    echo "The start-up cache could not be used (see $1): deleted; the next start trains a new one"
  fi
}

java_version() {
  "$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}
