#!/usr/bin/env bash
# Starts OpenStack Swift with its S3 API (s3api + tempauth) on loopback, for the real-S3 contract tests.
# Usage: scripts/swift-s3.sh start DIR   (prints the S3_TEST_* variables to export)
#        scripts/swift-s3.sh stop DIR
# Needs the Debian packages swift swift-proxy swift-account swift-container swift-object memcached.
# Credentials are Swift's test ones (test:tester / testing): this server is for tests only.
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?a folder for the test cluster}

if [ "$cmd" = stop ]; then
  if [ -f "$dir/pids" ]; then xargs -r kill < "$dir/pids" 2>/dev/null || true; fi
  exit 0
fi

mkdir -p "$dir/etc" "$dir/srv/sdb1" "$dir/log"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
A=$(port); C=$(port); O=$(port); P=$(port); M=$(port)

cat > "$dir/etc/swift.conf" <<CONF
[swift-hash]
swift_hash_path_suffix = luento-test
swift_hash_path_prefix = luento-test
[storage-policy:0]
name = Policy-0
default = yes
CONF

server_conf() { # kind port
  cat > "$dir/etc/$1-server.conf" <<CONF
[DEFAULT]
devices = $dir/srv
mount_check = false
bind_ip = 127.0.0.1
bind_port = $2
workers = 1
user = root
swift_dir = $dir/etc
log_facility = LOG_LOCAL0
[pipeline:main]
pipeline = $1-server
[app:$1-server]
use = egg:swift#$1
CONF
}
server_conf account "$A"
server_conf container "$C"
server_conf object "$O"

cat > "$dir/etc/proxy-server.conf" <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $P
workers = 1
user = root
swift_dir = $dir/etc
[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$M
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:s3api]
use = egg:swift#s3api
[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = testing .admin
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
CONF

cd "$dir/etc"
for ring in account:$A container:$C object:$O; do
  name=${ring%%:*}; p=${ring##*:}
  swift-ring-builder "$name.builder" create 8 1 1 >/dev/null
  swift-ring-builder "$name.builder" add "r1z1-127.0.0.1:$p/sdb1" 100 >/dev/null
  swift-ring-builder "$name.builder" rebalance >/dev/null
done

: > "$dir/pids"
memcached -l 127.0.0.1 -p "$M" -u nobody > "$dir/log/memcached.log" 2>&1 &
echo $! >> "$dir/pids"
for kind in account container object proxy; do
  "swift-$kind-server" "$dir/etc/$kind-server.conf" > "$dir/log/$kind.log" 2>&1 &
  echo $! >> "$dir/pids"
done
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$P/healthcheck" >/dev/null && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$P/healthcheck" >/dev/null || { echo "Swift did not start; see $dir/log" >&2; exit 1; }
echo "S3_TEST_ENDPOINT=http://127.0.0.1:$P S3_TEST_ACCESS_KEY=test:tester S3_TEST_SECRET_KEY=testing"
