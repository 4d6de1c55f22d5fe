import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import YAML from 'yaml';
import { envSchema } from '../../src/config/config.schema';

/**
 * The Helm chart, statically (CI also renders it with a real Helm: `npm run chart:check`,
 * scripts/check-chart.sh, which lints, renders and validates every ci/ values file): values.yaml against values.schema.json, bad values
 * refused, every `.Values.…` a template reads exists (and every value is read), template blocks
 * balanced, the ConfigMap only sets variables the service knows, and the rules of
 * scripts/check-chart-manifests.cjs (which CI runs on the rendered output).
 */
const ROOT = path.resolve(__dirname, '../..');
const CHART = path.join(ROOT, 'helm/orgbind');
const TEMPLATES = path.join(CHART, 'templates');

type Values = Record<string, unknown>;
const readYaml = (file: string): Values => YAML.parse(readFileSync(file, 'utf8')) as Values;
const values = readYaml(path.join(CHART, 'values.yaml'));
const schema = JSON.parse(readFileSync(path.join(CHART, 'values.schema.json'), 'utf8')) as object;
const templateFiles = readdirSync(TEMPLATES).filter((f) => /\.(ya?ml|tpl|txt)$/.test(f));
const templates = Object.fromEntries(templateFiles.map((f) => [f, readFileSync(path.join(TEMPLATES, f), 'utf8')]));

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Helm's merge of user values over the chart's: maps merge, `null` removes a key, everything else is replaced. */
function merge(base: unknown, override: unknown): unknown {
  if (!isMap(base) || !isMap(override)) return override === undefined ? base : override;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete result[key];
    else result[key] = merge(base[key], value);
  }
  return result;
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(schema);
function errorsOf(candidate: unknown): string[] {
  return validate(candidate) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

interface ManifestChecker {
  checkManifests(documents: object[]): string[];
  parseManifests(text: string): object[];
}
const checker = createRequire(__filename)('../../scripts/check-chart-manifests.cjs') as ManifestChecker;

describe('helm/orgbind', () => {
  describe('values.schema.json', () => {
    it('accepts the chart defaults', () => {
      expect(errorsOf(values)).toEqual([]);
    });

    it.each(readdirSync(path.join(CHART, 'ci')))('accepts ci/%s merged over the defaults', (file) => {
      expect(errorsOf(merge(values, readYaml(path.join(CHART, 'ci', file))))).toEqual([]);
    });

    it.each<[string, Values, RegExp]>([
      ['a misspelt key', { replicas: 3 }, /must NOT have additional properties/],
      ['a database URL in plain values', { database: { url: 'postgres://u:p@db/orgbind' } }, /must NOT have additional properties/],
      ['the database URL among the plain settings', { config: { extraEnv: { DATABASE_URL: 'postgres://u:p@db/orgbind' } } }, /\/config\/extraEnv/],
      ['a development-only switch', { config: { extraEnv: { DEV_LOAD_SAMPLE_DATA: 'true' } } }, /\/config\/extraEnv/],
      ['a secret among the plain settings', { config: { extraEnv: { PERSONAL_DATA_HASH_KEY: 'k'.repeat(40) } } }, /\/config\/extraEnv/],
      ['NODE_ENV among the plain settings', { config: { extraEnv: { NODE_ENV: 'development' } } }, /\/config\/extraEnv/],
      ['lower-case setting names', { config: { extraEnv: { log_level: 'debug' } } }, /\/config\/extraEnv/],
      ['the latest tag', { image: { tag: 'latest' } }, /\/image\/tag/],
      ['a malformed digest', { image: { digest: 'sha256:abc' } }, /\/image\/digest/],
      ['replicas as text', { replicaCount: 'two' }, /\/replicaCount must be integer/],
      ['no replicas', { replicaCount: 0 }, /\/replicaCount must be >= 1/],
      ['an HMAC algorithm', { config: { platform: { algorithms: 'HS256' } } }, /\/config\/platform\/algorithms/],
      ['the none algorithm', { config: { platform: { algorithms: 'RS256,none' } } }, /\/config\/platform\/algorithms/],
      ['an issuer that is not a URL', { config: { platform: { issuer: 'auth.example.gov.cn' } } }, /\/config\/platform\/issuer/],
      ['an unknown log level', { config: { logLevel: 'verbose' } }, /\/config\/logLevel/],
      ['a writable root filesystem', { containerSecurityContext: { readOnlyRootFilesystem: false } }, /readOnlyRootFilesystem must be equal to constant/],
      ['root', { podSecurityContext: { runAsNonRoot: false } }, /runAsNonRoot must be equal to constant/],
      ['privilege escalation', { containerSecurityContext: { allowPrivilegeEscalation: true } }, /allowPrivilegeEscalation/],
      ['capabilities kept', { containerSecurityContext: { capabilities: { drop: ['NET_RAW'] } } }, /capabilities\/drop must contain/],
      ['no memory limit', { resources: { limits: { memory: null } } }, /\/resources\/limits must have required property 'memory'/],
      ['a malformed quantity', { resources: { requests: { memory: '256 MB' } } }, /\/resources\/requests\/memory/],
      ['metrics on the API port', { metrics: { port: 3000 } }, /\/metrics\/port must NOT be valid/],
      ['one replica under autoscaling', { autoscaling: { minReplicas: 1 } }, /\/autoscaling\/minReplicas must be >= 2/],
      ['a readiness timeout shorter than the database check', { probes: { readiness: { timeoutSeconds: 1 } } }, /\/probes\/readiness\/timeoutSeconds/],
      ['a Secret name with capitals', { secrets: { existingSecret: 'Orgbind_Secrets' } }, /\/secrets\/existingSecret/],
      ['a negative drain delay', { shutdown: { drainDelaySeconds: -1 } }, /\/shutdown\/drainDelaySeconds/],
      ['an unknown service type', { service: { type: 'ExternalName' } }, /\/service\/type/],
    ])('refuses %s', (_what, override, expected) => {
      const errors = errorsOf(merge(values, override));
      expect(errors.join('\n')).toMatch(expected);
    });
  });

  describe('templates', () => {
    /** Every `.Values.a.b` path a template reads. */
    const referenced = new Map<string, string[]>();
    for (const [file, text] of Object.entries(templates)) {
      for (const match of text.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
        const key = match[1].slice(1);
        referenced.set(key, [...(referenced.get(key) ?? []), file]);
      }
    }

    it('read values by path only (no `index .Values`, which this check could not follow)', () => {
      expect(referenced.size).toBeGreaterThan(50);
      for (const text of Object.values(templates)) expect(text).not.toMatch(/index\s+\$?\.Values/);
    });

    it('reference only values that exist in values.yaml', () => {
      const missing = [...referenced.entries()]
        .filter(([key]) => key.split('.').reduce<unknown>((v, k) => (isMap(v) && k in v ? v[k] : undefined), values) === undefined)
        .map(([key, files]) => `.Values.${key} (${[...new Set(files)].join(', ')})`);
      expect(missing).toEqual([]);
    });

    it('read every value that values.yaml declares (no dead settings)', () => {
      const leaves: string[] = [];
      const walk = (value: unknown, prefix: string) => {
        if (isMap(value) && Object.keys(value).length > 0) {
          for (const [key, child] of Object.entries(value)) walk(child, prefix ? `${prefix}.${key}` : key);
        } else {
          leaves.push(prefix);
        }
      };
      walk(values, '');
      const read = (leaf: string) => [...referenced.keys()].some((key) => leaf === key || leaf.startsWith(`${key}.`));
      expect(leaves.filter((leaf) => !read(leaf))).toEqual([]);
    });

    it('have balanced blocks and include only defined templates', () => {
      const defined = new Set<string>();
      for (const text of Object.values(templates)) for (const m of text.matchAll(/\{\{-?\s*define\s+"([^"]+)"/g)) defined.add(m[1]);
      for (const [file, text] of Object.entries(templates)) {
        const actions = [...text.matchAll(/\{\{-?\s*(\/\*[\s\S]*?\*\/|[\s\S]*?)\s*-?\}\}/g)].map((m) => m[1].trim());
        let depth = 0;
        for (const action of actions) {
          if (/^(if|range|with|define|block)\b/.test(action)) depth++;
          if (/^end\b/.test(action)) depth--;
          if (depth < 0) throw new Error(`${file}: {{ end }} without an opening block`);
        }
        expect({ file, depth }).toEqual({ file, depth: 0 });
        for (const m of text.matchAll(/(?:include|template)\s+"([^"]+)"/g)) {
          expect({ file, include: m[1], defined: defined.has(m[1]) }).toEqual({ file, include: m[1], defined: true });
        }
      }
    });

    it('label every resource with the standard labels', () => {
      const helpers = templates['_helpers.tpl'];
      for (const label of ['app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/version', 'app.kubernetes.io/managed-by', 'helm.sh/chart']) {
        expect(helpers).toContain(`${label}:`);
      }
      for (const [file, text] of Object.entries(templates)) {
        if (file.startsWith('_') || file === 'NOTES.txt') continue;
        expect({ file, labelled: text.includes('include "orgbind.labels"') }).toEqual({ file, labelled: true });
      }
    });

    it('set in the ConfigMap only variables the service reads, in production mode', () => {
      const known = new Set(Object.keys(envSchema.shape));
      // The modelled settings: one `"KEY" value` pair a line of the `$settings` dict.
      const keys = [...templates['configmap.yaml'].matchAll(/^ {2}"([A-Z][A-Z0-9_]*)" /gm)].map((m) => m[1]);
      expect(keys.length).toBeGreaterThan(20);
      expect(keys.filter((key) => !known.has(key))).toEqual([]);
      expect(templates['configmap.yaml']).toMatch(/^ {2}"NODE_ENV" "production"$/m);
      // config.extraEnv goes over them (one key, the override wins): merged, never listed beside them.
      expect(templates['configmap.yaml']).toContain('mergeOverwrite $settings .Values.config.extraEnv');
      expect(keys.filter((key) => key.startsWith('DEV_') || key === 'MIGRATIONS_RUN_AT_START' || key === 'DATABASE_URL')).toEqual([]);
    });

    it('probe the health endpoints the service serves, and run the entry points the image has', () => {
      const openapi = JSON.parse(readFileSync(path.join(ROOT, 'openapi/openapi.json'), 'utf8')) as { paths: Record<string, unknown> };
      for (const probePath of templates['deployment.yaml'].matchAll(/path: (\/health\/\w+)/g)) expect(Object.keys(openapi.paths)).toContain(probePath[1]);
      expect(templates['deployment.yaml']).toContain('args: ["dist/main.js"]');
      expect(templates['migration-job.yaml']).toContain('args: ["dist/cli/migrate.js"]');
      expect(templates['migration-job.yaml']).toMatch(/"helm\.sh\/hook": pre-install,pre-upgrade/);
      expect(readdirSync(path.join(ROOT, 'src/cli'))).toEqual(expect.arrayContaining(['migrate.ts', 'healthcheck.ts']));
    });

    it('Chart.yaml follows the standard layout and ships the app version', () => {
      const chart = readYaml(path.join(CHART, 'Chart.yaml'));
      const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      expect(chart).toMatchObject({ apiVersion: 'v2', name: 'orgbind', type: 'application', appVersion: pkg.version });
      expect(String(chart.version)).toMatch(/^\d+\.\d+\.\d+/);
      expect(templateFiles).toEqual(expect.arrayContaining([
        '_helpers.tpl', 'NOTES.txt', 'deployment.yaml', 'service.yaml', 'hpa.yaml', 'pdb.yaml', 'configmap.yaml',
        'migration-job.yaml', 'networkpolicy.yaml', 'servicemonitor.yaml', 'serviceaccount.yaml',
      ]));
    });
  });

  describe('scripts/check-chart-manifests.cjs (run by CI on `helm template` output)', () => {
    const labels = (component: string) => ({
      'helm.sh/chart': 'orgbind-0.1.0',
      'app.kubernetes.io/name': 'orgbind',
      'app.kubernetes.io/instance': 'prod',
      'app.kubernetes.io/version': '0.1.0',
      'app.kubernetes.io/managed-by': 'Helm',
      'app.kubernetes.io/component': component,
    });
    const apiSelector = { 'app.kubernetes.io/name': 'orgbind', 'app.kubernetes.io/instance': 'prod', 'app.kubernetes.io/component': 'api' };
    const secure = { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
    const podSecurity = { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } };
    const resources = { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '512Mi' } };
    const image = 'registry.example.gov.cn/orgbind/orgbind:0.1.0';
    const databaseUrl = { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'orgbind-secrets', key: 'DATABASE_URL' } } };
    const personalDataKeys = ['PERSONAL_DATA_HASH_KEY', 'PERSONAL_DATA_ENCRYPTION_KEY'].map((name) => ({ name, valueFrom: { secretKeyRef: { name: 'orgbind-secrets', key: name } } }));

    /** What the chart renders with ci/minimal-values.yaml, as objects. */
    function rendered() {
      return [
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'prod-orgbind', labels: labels('api') }, automountServiceAccountToken: false },
        {
          apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'prod-orgbind-config', labels: labels('api') },
          data: {
            NODE_ENV: 'production', HOST: '0.0.0.0', PORT: '3000', METRICS_ENABLED: 'true', METRICS_PORT: '9464',
            PLATFORM_ISSUER: 'https://auth.example.gov.cn', PLATFORM_AUDIENCE: 'orgbind', PLATFORM_JWKS_URI: 'https://auth.example.gov.cn/jwks',
            PLATFORM_ALGORITHMS: 'RS256', SHUTDOWN_DRAIN_DELAY_MS: '5000', SHUTDOWN_TIMEOUT_MS: '20000',
          },
        },
        {
          apiVersion: 'v1', kind: 'Service', metadata: { name: 'prod-orgbind', labels: labels('api') },
          spec: { selector: apiSelector, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9464, targetPort: 'metrics' }] },
        },
        {
          apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'prod-orgbind', labels: labels('api') },
          spec: {
            selector: { matchLabels: apiSelector },
            strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
            template: {
              metadata: { labels: labels('api') },
              spec: {
                automountServiceAccountToken: false,
                securityContext: podSecurity,
                terminationGracePeriodSeconds: 35,
                topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: apiSelector } }],
                containers: [{
                  name: 'orgbind', image, args: ['dist/main.js'],
                  ports: [{ name: 'http', containerPort: 3000 }, { name: 'metrics', containerPort: 9464 }],
                  envFrom: [{ configMapRef: { name: 'prod-orgbind-config' } }],
                  env: [databaseUrl, ...personalDataKeys],
                  securityContext: secure,
                  startupProbe: { httpGet: { path: '/health/live', port: 'http' } },
                  livenessProbe: { httpGet: { path: '/health/live', port: 'http' } },
                  readinessProbe: { httpGet: { path: '/health/ready', port: 'http' } },
                  resources,
                }],
              },
            },
          },
        },
        {
          apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'prod-orgbind', labels: labels('api') },
          spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'prod-orgbind' }, minReplicas: 2, maxReplicas: 6 },
        },
        {
          apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'prod-orgbind', labels: labels('api') },
          spec: { minAvailable: 1, selector: { matchLabels: apiSelector } },
        },
        {
          apiVersion: 'batch/v1', kind: 'Job',
          metadata: { name: 'prod-orgbind-migrate', labels: labels('migrations'), annotations: { 'helm.sh/hook': 'pre-install,pre-upgrade' } },
          spec: {
            template: {
              metadata: { labels: labels('migrations') },
              spec: {
                restartPolicy: 'Never', automountServiceAccountToken: false, securityContext: podSecurity,
                containers: [{
                  name: 'migrate', image, args: ['dist/cli/migrate.js'],
                  env: [{ name: 'NODE_ENV', value: 'production' }, databaseUrl],
                  securityContext: secure,
                  resources,
                }],
              },
            },
          },
        },
      ] as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    }

    it('passes the rendering the chart produces', () => {
      expect(checker.checkManifests(rendered())).toEqual([]);
    });

    it('parses multi-document YAML as helm prints it', () => {
      const text = `---\n# Source: orgbind/templates/serviceaccount.yaml\n${YAML.stringify(rendered()[0])}---\n${YAML.stringify(rendered()[1])}`;
      expect(checker.parseManifests(text).map((d) => (d as { kind: string }).kind)).toEqual(['ServiceAccount', 'ConfigMap']);
    });

    it.each<[string, (docs: Record<string, any>[]) => void, RegExp]>([ // eslint-disable-line @typescript-eslint/no-explicit-any
      ['a writable root filesystem', (d) => { d[3].spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false; }, /Deployment\/prod-orgbind container orgbind: readOnlyRootFilesystem/],
      ['a pod running as root', (d) => { d[3].spec.template.spec.securityContext = { runAsUser: 0 }; }, /runAsNonRoot must be true/],
      ['a missing readiness probe', (d) => { delete d[3].spec.template.spec.containers[0].readinessProbe; }, /readinessProbe must GET \/health\/ready/],
      ['liveness on the database check', (d) => { d[3].spec.template.spec.containers[0].livenessProbe.httpGet.path = '/health/ready'; }, /livenessProbe must GET \/health\/live/],
      ['the database URL as a plain value', (d) => { d[3].spec.template.spec.containers[0].env = [{ name: 'DATABASE_URL', value: 'postgres://u:secret@db/x' }]; }, /DATABASE_URL must come from a Secret/],
      ['no personal-data hash key from the Secret', (d) => { d[3].spec.template.spec.containers[0].env = d[3].spec.template.spec.containers[0].env.filter((e: { name: string }) => e.name !== 'PERSONAL_DATA_HASH_KEY'); }, /PERSONAL_DATA_HASH_KEY must come from a Secret/],
      ['the encryption key in the ConfigMap', (d) => { d[1].data.PERSONAL_DATA_ENCRYPTION_KEY = 'x'; }, /ConfigMap: PERSONAL_DATA_ENCRYPTION_KEY belongs in the Secret/],
      ['a password in the ConfigMap', (d) => { d[1].data.LEGACY_DB = 'postgres://u:secret@db/x'; }, /ConfigMap: LEGACY_DB holds a URL with a password/],
      ['a development-only setting', (d) => { d[1].data.DEV_LOAD_SAMPLE_DATA = 'true'; }, /development-only DEV_LOAD_SAMPLE_DATA/],
      ['a development NODE_ENV', (d) => { d[1].data.NODE_ENV = 'development'; }, /NODE_ENV must be production/],
      ['a grace period shorter than the drain', (d) => { d[3].spec.template.spec.terminationGracePeriodSeconds = 25; }, /terminationGracePeriodSeconds \(25\) must exceed drain delay \+ shutdown timeout \(25 s\)/],
      ['the latest image', (d) => { d[3].spec.template.spec.containers[0].image = 'orgbind:latest'; }, /must have a tag \(not latest\)/],
      ['a job with another image', (d) => { d[6].spec.template.spec.containers[0].image = 'registry.example.gov.cn/orgbind/orgbind:0.0.9'; }, /differs from the Deployment's/],
      ['a job that is not an upgrade hook', (d) => { d[6].metadata.annotations['helm.sh/hook'] = 'pre-install'; }, /not a pre-upgrade hook/],
      ['a job reading the ConfigMap', (d) => { d[6].spec.template.spec.containers[0].envFrom = [{ configMapRef: { name: 'prod-orgbind-config' } }]; }, /cannot use the chart's ConfigMap/],
      ['a Service selecting the migration pods too', (d) => { d[2].spec.selector = { 'app.kubernetes.io/name': 'orgbind', 'app.kubernetes.io/instance': 'prod' }; }, /Service\/prod-orgbind: spec.selector also selects the migration job's pods/],
      ['a PDB selecting nothing', (d) => { d[5].spec.selector.matchLabels['app.kubernetes.io/instance'] = 'staging'; }, /PodDisruptionBudget\/prod-orgbind: spec.selector does not select the API pods/],
      ['replicas fixed under an HPA', (d) => { d[3].spec.replicas = 2; }, /spec.replicas is set while an HPA scales it/],
      ['a missing standard label', (d) => { delete d[4].metadata.labels['app.kubernetes.io/managed-by']; }, /HorizontalPodAutoscaler\/prod-orgbind: missing label app.kubernetes.io\/managed-by/],
      ['no memory limit', (d) => { delete d[3].spec.template.spec.containers[0].resources.limits; }, /resources.limits.memory is not set/],
      ['a removed Service target port', (d) => { d[3].spec.template.spec.containers[0].ports = [{ name: 'http', containerPort: 3000 }]; }, /targetPort metrics is not a container port/],
      ['a mounted service account token', (d) => { d[3].spec.template.spec.automountServiceAccountToken = true; }, /automountServiceAccountToken must be false/],
    ])('refuses %s', (_what, mutate, expected) => {
      const docs = rendered();
      mutate(docs);
      expect(checker.checkManifests(docs).join('\n')).toMatch(expected);
    });
  });
});
