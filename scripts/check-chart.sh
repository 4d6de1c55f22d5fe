#!/usr/bin/env bash
# Every check of the Helm chart with a real Helm (`npm run chart:check`; run by .ci/run):
#   1. helm lint --strict and helm template for every values file in helm/orgbind/ci/; ci/full-values.yaml
#      renders every template;
#   2. the chart's own rules on the output (scripts/check-chart-manifests.cjs);
#   3. strict validation against the Kubernetes API schemas (scripts/validate-k8s-manifests.mjs);
#   4. bad values fail with the schema's message naming the key; rendering without the required values
#      fails; config.extraEnv replaces a modelled setting without a duplicate key;
#   5. the install walk-through, docs/helm-install.md (scripts/check-install-walkthrough.mjs).
# Helm and kubectl come from scripts/chart-tools.sh when they are not on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
CHART=helm/orgbind

if ! command -v helm >/dev/null 2>&1 || ! command -v kubectl >/dev/null 2>&1; then
  PATH="$(scripts/chart-tools.sh):$PATH"
  export PATH
fi
echo "chart: helm $(helm version --short), kubectl $(kubectl version --client -o json | node -p 'JSON.parse(require("fs").readFileSync(0)).clientVersion.gitVersion')"

rendered="$(mktemp -d)"
trap 'rm -rf "$rendered"' EXIT

# 1. Lint and render every CI values file.
for values in "$CHART"/ci/*.yaml; do
  name="$(basename "$values" .yaml)"
  helm lint --strict --quiet "$CHART" -f "$values" >/dev/null
  helm template ci-release "$CHART" --namespace orgbind --kube-version 1.35.0 -f "$values" > "$rendered/$name.yaml"
  kinds="$(grep '^kind:' "$rendered/$name.yaml" | sed 's/kind: //' | sort | tr '\n' ' ')"
  echo "chart: $values: lint --strict ok; $(grep -c '^kind:' "$rendered/$name.yaml") manifests: $kinds"
done
for template in "$CHART"/templates/*.yaml; do
  source="# Source: orgbind/templates/$(basename "$template")"
  if ! grep -qxF "$source" "$rendered/full-values.yaml"; then
    echo "chart: $template is not rendered with $CHART/ci/full-values.yaml: enable it there" >&2
    exit 1
  fi
done
echo "chart: $CHART/ci/full-values.yaml renders every template"

# 2 and 3. The chart's rules, then the Kubernetes API schemas.
node scripts/check-chart-manifests.cjs "$rendered"/*.yaml
echo "chart: scripts/check-chart-manifests.cjs: the chart's rules hold"
node scripts/validate-k8s-manifests.mjs "$rendered"/*.yaml | tail -n 1

# 4. Bad values.
minimal="$CHART/ci/minimal-values.yaml"
expect_failure() { # description, expected message, helm template arguments…
  local what="$1" expected="$2"
  shift 2
  local output
  if output="$(helm template ci-release "$CHART" "$@" 2>&1)"; then
    echo "chart: $what rendered, but it must fail" >&2
    exit 1
  fi
  if ! grep -qF -- "$expected" <<<"$output"; then
    echo "chart: $what failed without naming \"$expected\":" >&2
    echo "$output" >&2
    exit 1
  fi
  echo "chart: $what fails, naming $expected"
}
expect_failure "rendering without any values" "secrets.existingSecret is required"
expect_failure "rendering without the platform issuer" "config.platform.issuer is required" --set secrets.existingSecret=s
printf 'replicaCount: two\n' > "$rendered/wrong-type.yaml"
printf 'config:\n  platfrom:\n    issuer: https://auth.example.gov.cn\n' > "$rendered/unknown-key.yaml"
expect_failure "a values file with a wrong type (replicaCount: two)" "/replicaCount" -f "$minimal" -f "$rendered/wrong-type.yaml"
expect_failure "a values file with an unknown key (config.platfrom)" "'platfrom' not allowed" -f "$minimal" -f "$rendered/unknown-key.yaml"
expect_failure "NODE_ENV in config.extraEnv" "/config/extraEnv/NODE_ENV" -f "$minimal" --set config.extraEnv.NODE_ENV=development
expect_failure "a secret in config.extraEnv" "/config/extraEnv/PERSONAL_DATA_HASH_KEY" -f "$minimal" --set config.extraEnv.PERSONAL_DATA_HASH_KEY=x
expect_failure "a TRUST_PROXY that is no address (config.trustProxy)" "/config/trustProxy" -f "$minimal" --set config.trustProxy=everyone
expect_failure "an http problem-type base (config.problemTypeBaseUri)" "/config/problemTypeBaseUri" -f "$minimal" --set config.problemTypeBaseUri=http://docs.example.org/problems/
expect_failure "introspection without the client's secret" "secrets.extraEnv.PLATFORM_CLIENT_SECRET is required" --set secrets.existingSecret=s \
  --set config.platform.issuer=https://auth.example.gov.cn --set config.platform.tokenMode=introspection \
  --set config.platform.introspectionEndpoint=https://auth.example.gov.cn/introspect --set config.platform.clientId=orgbind
expect_failure "an http introspection endpoint" "/config/platform/introspectionEndpoint" -f "$minimal" --set config.platform.introspectionEndpoint=http://auth.example.gov.cn/introspect
expect_failure "userinfo without its endpoint" "config.platform.userinfoEndpoint is required" -f "$minimal" --set config.platform.tokenMode=userinfo
expect_failure "one setting in both extraEnv maps" "PLATFORM_AUDIENCE is set in both" -f "$minimal" \
  --set config.extraEnv.PLATFORM_AUDIENCE=x --set secrets.extraEnv.PLATFORM_AUDIENCE=audience

override="$(helm template ci-release "$CHART" -f "$minimal" --set-string config.extraEnv.PLATFORM_CLOCK_SKEW_SECONDS=7 --show-only templates/configmap.yaml)"
count="$(grep -c '^  PLATFORM_CLOCK_SKEW_SECONDS:' <<<"$override")"
if [ "$count" != 1 ] || ! grep -qx '  PLATFORM_CLOCK_SKEW_SECONDS: "7"' <<<"$override"; then
  echo "chart: config.extraEnv.PLATFORM_CLOCK_SKEW_SECONDS must replace the modelled key (one key, value 7); got $count:" >&2
  echo "$override" >&2
  exit 1
fi
echo "chart: config.extraEnv replaces a modelled setting: one PLATFORM_CLOCK_SKEW_SECONDS key, the override's value"

# 5. The install walk-through.
node scripts/check-install-walkthrough.mjs docs/helm-install.md
