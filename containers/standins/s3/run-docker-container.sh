#!/bin/bash
# As the real image's run-docker-container.sh: S3Proxy configured from S3PROXY_* and JCLOUDS_* variables. The
# properties go to /tmp (a tmpfs: the root file system is read-only).
set -euo pipefail
properties=$(mktemp /tmp/s3proxy.XXXXXX.properties)
prop() { if [ -n "${2:-}" ]; then printf '%s=%s\n' "$1" "$2" >> "$properties"; fi; }
prop s3proxy.endpoint "${S3PROXY_ENDPOINT:-}"
prop s3proxy.virtual-host "${S3PROXY_VIRTUALHOST:-}"
prop s3proxy.authorization "${S3PROXY_AUTHORIZATION:-}"
prop s3proxy.identity "${S3PROXY_IDENTITY:-}"
prop s3proxy.credential "${S3PROXY_CREDENTIAL:-}"
prop s3proxy.ignore-unknown-headers "${S3PROXY_IGNORE_UNKNOWN_HEADERS:-}"
if [ "${S3PROXY_CORS_ALLOW_ALL:-false}" = true ]; then
  prop s3proxy.cors-allow-all true
fi
prop jclouds.provider "${JCLOUDS_PROVIDER:-}"
prop jclouds.endpoint "${JCLOUDS_ENDPOINT:-}"
prop jclouds.region "${JCLOUDS_REGION:-}"
prop jclouds.identity "${JCLOUDS_IDENTITY:-}"
prop jclouds.credential "${JCLOUDS_CREDENTIAL:-}"
prop jclouds.filesystem.basedir "${JCLOUDS_FILESYSTEM_BASEDIR:-}"
if [ "${JCLOUDS_PROVIDER:-}" = filesystem ] && [ -n "${JCLOUDS_FILESYSTEM_BASEDIR:-}" ]; then
  mkdir -p "$JCLOUDS_FILESYSTEM_BASEDIR"
fi
exec java ${S3PROXY_JAVA_OPTS:-} -DLOG_LEVEL="${LOG_LEVEL:-info}" -jar /opt/s3proxy/s3proxy --properties "$properties"
