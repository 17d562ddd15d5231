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

# How bin/job-runner runs the server of jar $1 on port $2, with pre-boot command file $3 (optional) applied after
# the jar's own: sets server_command (then add --port and the cluster options). Two ways:
#  - with the start-up cache (a JDK 25+, JOBRUNNER_START_CACHE not off): from a runtime directory of this build
#    and port, target/job-runner-runtime-PORT: Payara Micro's runtime unpacked once from the jar by Payara's own
#    `--rootdir DIR --outputlauncher`, started by DIR/launch-micro.jar with every runtime jar on the class path.
#    The JDK's ahead-of-time cache (JEP 483/514/515) covers only classes of the class path: from the jar, Payara
#    loads its own through a class loader of its own, so the cache missed most of the start (bench/README.md,
#    "Restart": about 2 s more to gain this way). The launcher leaves out what the jar carries in MICRO-INF (the
#    WAR, the command files), so they are taken out beside it and given on the command line. Each start resets
#    the directory's configuration to the jar's and deploys the WAR afresh, as the jar does in its temporary
#    directory (left deployed, Payara would load the old deployment at boot, answer, then deploy it again).
#  - else the jar itself, as the tests and CI start it.
start_server_command() {
  local jar="$1" port="$2" preboot="${3:-}"
  server_command=("$JAVA_HOME/bin/java" ${JOBRUNNER_JAVA_OPTS:-})
  cache_options=() start_cache_training=""
  if [[ "${JOBRUNNER_START_CACHE:-aot}" == off || "$(java_version)" -lt 25 ]]; then
    server_command+=(-jar "$jar" ${preboot:+--prebootcommandfile "$preboot"})
    return
  fi
  local runtime="target/job-runner-runtime-$port"
  unpack_runtime "$jar" "$runtime"
  rm -rf "$runtime/config" "$runtime/applications" "$runtime/generated" "$runtime/autodeploy" "$runtime/logs"
  cp -R "$runtime/jar/config" "$runtime/config"
  cat "$runtime/jar/MICRO-INF/pre-boot-commands.txt" ${preboot:+"$preboot"} >"$runtime/pre-boot-commands.asadmin"
  start_cache "$runtime/start.aot" "$runtime/launch-micro.jar" "$port"
  server_command+=("${cache_options[@]}" -jar "$runtime/launch-micro.jar"
    --deploy "$runtime/jar/MICRO-INF/deploy/ROOT.war" --disablephonehome
    --prebootcommandfile "$runtime/pre-boot-commands.asadmin"
    --postbootcommandfile "$runtime/jar/MICRO-INF/post-boot-commands.txt"
    --postdeploycommandfile "$runtime/jar/MICRO-INF/post-deploy-commands.txt")
}

# The runtime directory $2 for jar $1, made anew when the jar is newer (a new build; its start-up cache with it).
unpack_runtime() {
  local jar="$1" runtime="$2" source
  # "unpacked" is written last: a start stopped while unpacking leaves none, and the next one unpacks again
  [[ ! -f "$runtime/jar/unpacked" || "$jar" -nt "$runtime/jar/unpacked" ]] || return 0
  rm -rf "$runtime"
  echo "Unpacking Payara Micro's runtime for this build into $runtime..."
  "$JAVA_HOME/bin/java" -jar "$jar" --rootdir "$runtime" --outputlauncher >"$runtime.log" 2>&1 \
    || { tail -20 "$runtime.log"; exit 1; }
  source="$(absolute "$(dirname "$jar")")/$(basename "$jar")"
  mkdir -p "$runtime/jar"
  (cd "$runtime/jar" && "$JAVA_HOME/bin/jar" xf "$source" MICRO-INF/deploy/ROOT.war \
    MICRO-INF/pre-boot-commands.txt MICRO-INF/post-boot-commands.txt MICRO-INF/post-deploy-commands.txt) \
    || { echo "Could not take the WAR and command files out of $jar" >&2; exit 1; }
  cp -R "$runtime/config" "$runtime/jar/config"
  rm -f "$runtime.log"
  touch "$runtime/jar/unpacked"
}

# The start-up cache $1 for the class path of launcher $2 (made for that build only), for the server on port $3.
# Sets cache_options:
#  - a cache newer than the launcher: -XX:AOTCache (the JVM checks it matches the class path and the JDK; if it
#    does not, or the file is damaged, it warns in the server log and starts without it);
#  - none: this start trains one (-XX:AOTCacheOutput): the JVM writes it when the server stops (a few seconds
#    more at that stop, once), into a file of this start's, which keep_start_cache then puts in place. A server
#    killed (kill -9) writes none: the next start trains again.
start_cache() {
  local cache="$1"
  if [[ -s "$cache" && "$cache" -nt "$2" ]]; then
    cache_options=("-XX:AOTCache=$cache")
  else
    rm -f "$cache"
    start_cache_training="$cache.$3.new"
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
