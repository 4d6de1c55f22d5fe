#!/usr/bin/env node
/**
 * Check the manifests rendered from helm/orgbind (`helm template … > rendered.yaml`) against
 * what the service needs in production: the shape of each kind, the standard labels, and the
 * rules of the chart (non-root, read-only root filesystem, probes on the health endpoints,
 * resources, secrets only by reference, a migration hook running the same image, selectors
 * that match the API pods only, a grace period longer than the drain delay + shutdown timeout).
 * Run by scripts/check-chart.sh (`npm run chart:check`, in .ci/run); its rules are tested by
 * test/deploy/helm-chart.e2e-spec.ts.
 *
 * Usage: node scripts/check-chart-manifests.cjs RENDERED.yaml [MORE.yaml …]
 * Exit 0 when every file passes, 1 with one line per problem otherwise.
 */
'use strict';
const fs = require('node:fs');
const YAML = require('yaml');

const STANDARD_LABELS = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/version',
  'app.kubernetes.io/managed-by',
  'helm.sh/chart',
];
const KNOWN_KINDS = {
  ConfigMap: 'v1',
  Service: 'v1',
  ServiceAccount: 'v1',
  Deployment: 'apps/v1',
  Job: 'batch/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  PodDisruptionBudget: 'policy/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  Ingress: 'networking.k8s.io/v1',
  ServiceMonitor: 'monitoring.coreos.com/v1',
};
const DNS_1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DEV_ONLY = ['DEV_DATA_DIR', 'DEV_LOAD_SAMPLE_DATA', 'DEV_PLATFORM_PORT'];
/** Secrets the service requires in production, each from the Secret. */
const SECRET_SETTINGS = ['PERSONAL_DATA_HASH_KEY', 'PERSONAL_DATA_ENCRYPTION_KEY'];
/** Settings the service requires in production, by token mode (src/config/app-config.ts, productionPlatformVars). */
function requiredSettings(settings) {
  const userMode = settings.PLATFORM_TOKEN_MODE || 'jwt';
  const modes = new Set([userMode, settings.PLATFORM_SERVICE_TOKEN_MODE || (userMode === 'introspection' ? 'introspection' : 'jwt')]);
  return [
    'NODE_ENV', 'PLATFORM_ISSUER', 'PLATFORM_AUDIENCE',
    ...(modes.has('jwt') ? ['PLATFORM_JWKS_URI', 'PLATFORM_ALGORITHMS'] : []),
    ...(modes.has('introspection') ? ['PLATFORM_INTROSPECTION_ENDPOINT', 'PLATFORM_CLIENT_ID'] : []),
    ...(modes.has('userinfo') ? ['PLATFORM_USERINFO_ENDPOINT'] : []),
  ];
}
/** Credentials of orgbind at the platform: only ever from the Secret. */
const CLIENT_CREDENTIALS = ['PLATFORM_CLIENT_SECRET', 'PLATFORM_CLIENT_PRIVATE_KEY'];

/** Parse a multi-document YAML text into objects (empty documents dropped). */
function parseManifests(text) {
  return YAML.parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length) throw new Error(`invalid YAML: ${doc.errors[0].message}`);
      return doc.toJS();
    })
    .filter((doc) => doc && typeof doc === 'object');
}

const get = (value, path) => path.split('.').reduce((v, key) => (v == null ? undefined : v[key]), value);
const isSubset = (small, big) => !!small && !!big && Object.entries(small).every(([k, v]) => big[k] === v);

/** Every problem found in `documents` (rendered manifests), as "Kind/name: message". */
function checkManifests(documents) {
  const problems = [];
  const byKind = (kind) => documents.filter((d) => d.kind === kind);
  for (const doc of documents) {
    const at = `${doc.kind ?? '?'}/${get(doc, 'metadata.name') ?? '?'}`;
    const report = (message) => problems.push(`${at}: ${message}`);
    if (!KNOWN_KINDS[doc.kind]) report(`unexpected kind ${doc.kind}`);
    else if (doc.apiVersion !== KNOWN_KINDS[doc.kind]) report(`apiVersion ${doc.apiVersion}, expected ${KNOWN_KINDS[doc.kind]}`);
    const name = get(doc, 'metadata.name');
    if (typeof name !== 'string' || !DNS_1123.test(name) || name.length > 63) report(`metadata.name "${name}" is not a DNS-1123 label of at most 63 characters`);
    const labels = get(doc, 'metadata.labels') ?? {};
    for (const label of STANDARD_LABELS) if (!labels[label]) report(`missing label ${label}`);
    for (const [key, value] of Object.entries(labels)) {
      if (typeof value !== 'string' || value.length > 63) report(`label ${key} must be a string of at most 63 characters`);
    }
  }

  const deployments = byKind('Deployment');
  if (deployments.length !== 1) problems.push(`expected exactly one Deployment, found ${deployments.length}`);
  const deployment = deployments[0];
  const configMap = byKind('ConfigMap')[0];
  const settings = (configMap && configMap.data) || {};
  if (!configMap) problems.push('no ConfigMap with the settings');
  for (const key of requiredSettings(settings)) if (!settings[key]) problems.push(`ConfigMap: ${key} is not set`);
  for (const key of CLIENT_CREDENTIALS) if (key in settings) problems.push(`ConfigMap: ${key} belongs in the Secret`);
  if (configMap && settings.NODE_ENV !== 'production') problems.push('ConfigMap: NODE_ENV must be production');
  for (const key of DEV_ONLY) if (key in settings) problems.push(`ConfigMap: development-only ${key} is set`);
  if (settings.MIGRATIONS_RUN_AT_START === 'true') problems.push('ConfigMap: MIGRATIONS_RUN_AT_START=true (migrations run as the hook job)');
  for (const [key, value] of Object.entries(settings)) {
    if (typeof value !== 'string') problems.push(`ConfigMap: ${key} must be a string`);
    if (/:\/\/[^/\s:@]+:[^/\s@]+@/.test(String(value))) problems.push(`ConfigMap: ${key} holds a URL with a password (use the Secret)`);
  }
  if ('DATABASE_URL' in settings) problems.push('ConfigMap: DATABASE_URL belongs in the Secret');
  for (const key of SECRET_SETTINGS) if (key in settings) problems.push(`ConfigMap: ${key} belongs in the Secret`);

  let apiImage;
  if (deployment) {
    const at = `Deployment/${get(deployment, 'metadata.name')}`;
    const pod = get(deployment, 'spec.template');
    const podLabels = get(pod, 'metadata.labels') ?? {};
    const selector = get(deployment, 'spec.selector.matchLabels');
    if (!isSubset(selector, podLabels)) problems.push(`${at}: spec.selector.matchLabels do not match the pod labels`);
    if (get(deployment, 'spec.strategy.rollingUpdate.maxUnavailable') !== 0) problems.push(`${at}: rolling updates must keep every replica (maxUnavailable 0)`);
    checkPodSpec(at, get(pod, 'spec'), problems);
    const container = (get(pod, 'spec.containers') ?? [])[0] ?? {};
    apiImage = container.image;
    for (const [probe, path] of [['startupProbe', '/health/live'], ['livenessProbe', '/health/live'], ['readinessProbe', '/health/ready']]) {
      if (get(container, `${probe}.httpGet.path`) !== path) problems.push(`${at}: ${probe} must GET ${path}`);
    }
    const ports = (container.ports ?? []).map((p) => p.name);
    if (!ports.includes('http')) problems.push(`${at}: no container port named http`);
    const env = container.env ?? [];
    const databaseUrl = env.find((e) => e.name === 'DATABASE_URL');
    if (!get(databaseUrl, 'valueFrom.secretKeyRef.name')) problems.push(`${at}: DATABASE_URL must come from a Secret (secretKeyRef)`);
    for (const name of SECRET_SETTINGS) {
      if (!get(env.find((e) => e.name === name), 'valueFrom.secretKeyRef.name')) problems.push(`${at}: ${name} must come from a Secret (secretKeyRef)`);
    }
    for (const e of env) if (typeof e.value === 'string' && /:\/\/[^/\s:@]+:[^/\s@]+@/.test(e.value)) problems.push(`${at}: env ${e.name} holds a URL with a password`);
    if (configMap && !(container.envFrom ?? []).some((s) => get(s, 'configMapRef.name') === get(configMap, 'metadata.name'))) {
      problems.push(`${at}: the settings ConfigMap is not loaded (envFrom)`);
    }
    const grace = get(pod, 'spec.terminationGracePeriodSeconds');
    const needed = (Number(settings.SHUTDOWN_DRAIN_DELAY_MS ?? 0) + Number(settings.SHUTDOWN_TIMEOUT_MS ?? 20000)) / 1000;
    if (!(typeof grace === 'number' && grace > needed)) problems.push(`${at}: terminationGracePeriodSeconds (${grace}) must exceed drain delay + shutdown timeout (${needed} s)`);
    if (!(get(pod, 'spec.topologySpreadConstraints') ?? []).length) problems.push(`${at}: no topologySpreadConstraints`);
    if (settings.METRICS_ENABLED === 'true' && !ports.includes('metrics')) problems.push(`${at}: metrics enabled but no container port named metrics`);
  }

  const jobs = byKind('Job');
  if (jobs.length !== 1) problems.push(`expected exactly one migration Job, found ${jobs.length}`);
  for (const job of jobs) {
    const at = `Job/${get(job, 'metadata.name')}`;
    const hooks = String(get(job, 'metadata.annotations') ? job.metadata.annotations['helm.sh/hook'] ?? '' : '').split(',').map((s) => s.trim());
    for (const hook of ['pre-install', 'pre-upgrade']) if (!hooks.includes(hook)) problems.push(`${at}: not a ${hook} hook`);
    const spec = get(job, 'spec.template.spec');
    if (get(spec, 'restartPolicy') !== 'Never' && get(spec, 'restartPolicy') !== 'OnFailure') problems.push(`${at}: restartPolicy must be Never or OnFailure`);
    checkPodSpec(at, spec, problems);
    const container = (get(spec, 'containers') ?? [])[0] ?? {};
    if (apiImage && container.image !== apiImage) problems.push(`${at}: image ${container.image} differs from the Deployment's ${apiImage}`);
    if (!(container.args ?? []).includes('dist/cli/migrate.js')) problems.push(`${at}: must run dist/cli/migrate.js`);
    const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e]));
    if (get(env, 'NODE_ENV.value') !== 'production') problems.push(`${at}: NODE_ENV must be production`);
    if (!get(env, 'DATABASE_URL.valueFrom.secretKeyRef.name')) problems.push(`${at}: DATABASE_URL must come from a Secret`);
    if ((container.envFrom ?? []).some((s) => s.configMapRef)) problems.push(`${at}: a pre-install hook cannot use the chart's ConfigMap (it does not exist yet)`);
  }

  const podLabels = deployment ? get(deployment, 'spec.template.metadata.labels') ?? {} : {};
  const jobPodLabels = jobs.map((j) => get(j, 'spec.template.metadata.labels') ?? {});
  const selects = (selector, at, what) => {
    if (!isSubset(selector, podLabels)) problems.push(`${at}: ${what} does not select the API pods`);
    if (jobPodLabels.some((labels) => isSubset(selector, labels))) problems.push(`${at}: ${what} also selects the migration job's pods`);
  };
  for (const service of byKind('Service')) {
    const at = `Service/${get(service, 'metadata.name')}`;
    selects(get(service, 'spec.selector'), at, 'spec.selector');
    const containerPorts = deployment ? (get(deployment, 'spec.template.spec.containers')[0].ports ?? []).map((p) => p.name) : [];
    for (const port of get(service, 'spec.ports') ?? []) {
      if (typeof port.targetPort === 'string' && !containerPorts.includes(port.targetPort)) problems.push(`${at}: targetPort ${port.targetPort} is not a container port`);
    }
  }
  for (const pdb of byKind('PodDisruptionBudget')) selects(get(pdb, 'spec.selector.matchLabels'), `PodDisruptionBudget/${get(pdb, 'metadata.name')}`, 'spec.selector');
  for (const policy of byKind('NetworkPolicy')) selects(get(policy, 'spec.podSelector.matchLabels'), `NetworkPolicy/${get(policy, 'metadata.name')}`, 'spec.podSelector');
  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const at = `HorizontalPodAutoscaler/${get(hpa, 'metadata.name')}`;
    if (deployment && get(hpa, 'spec.scaleTargetRef.name') !== get(deployment, 'metadata.name')) problems.push(`${at}: does not target the Deployment`);
    if (!(get(hpa, 'spec.minReplicas') >= 2)) problems.push(`${at}: minReplicas must be at least 2`);
    if (!(get(hpa, 'spec.maxReplicas') >= get(hpa, 'spec.minReplicas'))) problems.push(`${at}: maxReplicas below minReplicas`);
    if (deployment && get(deployment, 'spec.replicas') !== undefined) problems.push(`Deployment: spec.replicas is set while an HPA scales it (each upgrade would reset the count)`);
  }
  for (const monitor of byKind('ServiceMonitor')) {
    const at = `ServiceMonitor/${get(monitor, 'metadata.name')}`;
    const endpoint = (get(monitor, 'spec.endpoints') ?? [])[0] ?? {};
    if (endpoint.port !== 'metrics' || endpoint.path !== '/metrics') problems.push(`${at}: must scrape port "metrics" at /metrics`);
  }
  for (const ingress of byKind('Ingress')) {
    for (const rule of get(ingress, 'spec.rules') ?? []) {
      for (const path of get(rule, 'http.paths') ?? []) {
        if (get(path, 'backend.service.port.name') !== 'http') problems.push(`Ingress/${get(ingress, 'metadata.name')}: must route to the http port only`);
      }
    }
  }
  return problems;
}

/** Rules every pod of the chart follows (service and migration job). */
function checkPodSpec(at, spec, problems) {
  if (!spec) {
    problems.push(`${at}: no pod spec`);
    return;
  }
  if (get(spec, 'securityContext.runAsNonRoot') !== true) problems.push(`${at}: pod securityContext.runAsNonRoot must be true`);
  if (get(spec, 'securityContext.runAsUser') === 0) problems.push(`${at}: runs as root`);
  if (get(spec, 'securityContext.seccompProfile.type') !== 'RuntimeDefault' && get(spec, 'securityContext.seccompProfile.type') !== 'Localhost') {
    problems.push(`${at}: seccompProfile must be RuntimeDefault (or Localhost)`);
  }
  if (spec.automountServiceAccountToken !== false) problems.push(`${at}: automountServiceAccountToken must be false (no Kubernetes API calls)`);
  for (const container of spec.containers ?? []) {
    const c = `${at} container ${container.name}`;
    const image = String(container.image ?? '');
    if (!/(@sha256:[a-f0-9]{64}|:[A-Za-z0-9_][A-Za-z0-9_.-]*)$/.test(image) || /:latest$/.test(image)) problems.push(`${c}: image "${image}" must have a tag (not latest) or a digest`);
    if (get(container, 'securityContext.readOnlyRootFilesystem') !== true) problems.push(`${c}: readOnlyRootFilesystem must be true`);
    if (get(container, 'securityContext.allowPrivilegeEscalation') !== false) problems.push(`${c}: allowPrivilegeEscalation must be false`);
    if (!(get(container, 'securityContext.capabilities.drop') ?? []).includes('ALL')) problems.push(`${c}: capabilities must drop ALL`);
    if (get(container, 'securityContext.privileged') === true) problems.push(`${c}: privileged`);
    for (const key of ['requests.cpu', 'requests.memory', 'limits.memory']) {
      if (!get(container, `resources.${key}`)) problems.push(`${c}: resources.${key} is not set`);
    }
  }
}

module.exports = { checkManifests, parseManifests };

if (require.main === module) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    process.stderr.write('usage: node scripts/check-chart-manifests.cjs RENDERED.yaml [MORE.yaml …]\n');
    process.exit(2);
  }
  let failed = false;
  for (const file of files) {
    const problems = checkManifests(parseManifests(fs.readFileSync(file, 'utf8')));
    if (problems.length) {
      failed = true;
      for (const problem of problems) process.stderr.write(`${file}: ${problem}\n`);
    } else {
      process.stderr.write(`${file}: manifests pass the chart checks\n`);
    }
  }
  process.exit(failed ? 1 : 0);
}
