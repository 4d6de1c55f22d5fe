import type { BenchFigure, BenchSection, PhaseReport, TargetReport } from './context';
import type { GcKindFigures, ServerSideFigures } from './tail';
import type { VerifierName } from './verifiers';

/** Everything one `npm run bench` run measured (written as bench/results/latest.json). */
export interface BenchResults {
  readonly generatedAt: string;
  readonly durationSeconds: number;
  readonly git: { readonly commit: string; readonly dirty: boolean };
  readonly machine: { readonly cpu: string; readonly cores: number; readonly memoryMb: number; readonly node: string; readonly os: string };
  readonly database: {
    readonly source: string;
    readonly version: string;
    readonly settings: Record<string, string>;
    /** Median / p90 of one sequential durable commit (WAL flush): the disk's price per audited resolution. */
    readonly durableCommitMs: { readonly median: number; readonly p90: number; readonly p99: number; readonly max: number };
  };
  readonly options: {
    readonly organizations: number;
    readonly boundUsers: number;
    readonly connections: number;
    readonly warmupSeconds: number;
    readonly phaseSeconds: number;
    readonly rounds: number;
    readonly poolSize: number;
    readonly serviceNodeOptions: string;
    /** `--resolutions-only`: the other capabilities' benches were skipped. */
    readonly resolutionsOnly: boolean;
  };
  /** Cores other processes kept busy just before the load phases (a shared machine makes figures noisy). */
  readonly backgroundLoadCores: number;
  readonly setup: {
    readonly tokens: number;
    readonly tokenSigning: string;
    readonly tokenSeconds: number;
    readonly bindingsSeconds: number;
  };
  readonly organizationImport: {
    readonly rows: number;
    readonly imported: number;
    readonly rejected: number;
    readonly warnings: number;
    readonly seconds: number;
    readonly rowsPerSecond: number;
  };
  /** The floor's candidate verifiers alone, in process (bench/lib/verifiers.ts). */
  readonly tokenVerification: {
    /** Microseconds per token, best of three interleaved rounds. */
    readonly micros: Record<VerifierName, number>;
    /** The one the floor ran. */
    readonly fastest: VerifierName;
    readonly descriptions: Record<VerifierName, string>;
    /** The tokens all of them accepted or refused alike. */
    readonly conformance: readonly string[];
  };
  readonly targets: {
    readonly floor: TargetReport;
    readonly service: TargetReport;
    /** The fixed stack (Nest, Fastify, passport-jwt, TypeORM) doing only the work: bench/stack-floor-server.ts. */
    readonly stackFloor: TargetReport;
    readonly serviceWithRequestLogs: TargetReport | null;
    readonly serviceDefaultHeap: TargetReport | null;
    /** The service with opaque tokens (PLATFORM_TOKEN_MODE=introspection): warm and cold answer cache (issue 13). */
    readonly introspection: { readonly warm: TargetReport; readonly cold: TargetReport } | null;
  };
  readonly summary: {
    readonly ratio: number;
    readonly serviceRps: number;
    readonly floorRps: number;
    readonly halfRate: number;
    readonly serviceP50HalfRateMs: number;
    readonly serviceP99HalfRateMs: number;
    readonly floorP99HalfRateMs: number;
    /** The stack floor's best round at saturation, req/s. */
    readonly stackFloorRps: number;
    readonly servicePeakRssMb: number;
    readonly importSeconds: number;
  };
  readonly targetsMet: readonly BenchFigure[];
  /** Further benchmarks: legacy-account import and binding by re-authentication, the registrar's review list (empty with --resolutions-only). */
  readonly extra: readonly BenchSection[];
  readonly notes: readonly string[];
}

const fmt = (value: number, digits = 1) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const mark = (met: boolean | undefined) => (met === undefined ? '' : met ? '✅' : '❌');

/**
 * The best round of a phase: the highest requests/s at saturation, the lowest p99 otherwise
 * (on a shared machine the least disturbed round is the one that measures the server).
 */
export function bestPhase(target: TargetReport, name: string): PhaseReport | undefined {
  const rounds = target.phases.filter((p) => p.name === name);
  if (rounds.length === 0) return undefined;
  return name === 'saturation'
    ? rounds.reduce((a, b) => (b.load.requestsPerSecond > a.load.requestsPerSecond ? b : a))
    : rounds.reduce((a, b) => (b.load.latency.p99 < a.load.latency.p99 ? b : a));
}

const phase = bestPhase;

/** The targets of issues 8 and 14, checked. */
export function targetFigures(results: Omit<BenchResults, 'targetsMet' | 'notes'>): BenchFigure[] {
  const s = results.summary;
  const ofFloor = s.serviceP99HalfRateMs / Math.max(0.001, s.floorP99HalfRateMs);
  return [
    { metric: `service/floor requests/s (bound users, saturation; the floor with ${results.tokenVerification.fastest}, the fastest verifier of the run)`, value: fmt(s.ratio, 2), unit: '', target: '≥ 0.80', met: s.ratio >= 0.8 },
    {
      metric: `p99 latency at half of peak (${int(s.halfRate)} req/s, paced; the floor at half of its peak: ${fmt(s.floorP99HalfRateMs, 1)} ms, service ${fmt(ofFloor, 2)} × the floor's)`,
      value: fmt(s.serviceP99HalfRateMs, 1),
      unit: 'ms',
      target: '< 20 ms, or ≤ 1.2 × the floor\'s when the machine cannot',
      met: s.serviceP99HalfRateMs < 20 || ofFloor <= 1.2,
    },
    { metric: 'peak RSS of the service (VmHWM)', value: fmt(s.servicePeakRssMb, 1), unit: 'MB', target: '≤ 150 MB', met: s.servicePeakRssMb <= 150 },
    { metric: `organization import (${int(results.organizationImport.rows)} rows)`, value: fmt(s.importSeconds, 1), unit: 's', target: '< 60 s', met: s.importSeconds < 60 },
  ];
}

/**
 * What the fixed stack costs: the stack floor (Nest on Fastify, passport-jwt, TypeORM, doing only
 * the work) between the bare floor and the service, in requests/s, CPU per request and memory.
 * The service cannot be faster or smaller than the stack it is built on, so this row bounds what
 * any change of ours can reach without leaving the design card's stack.
 */
export function stackSection(r: BenchResults): string[] {
  const sat = (t: TargetReport) => bestPhase(t, 'saturation');
  const [floor, stack, service] = [sat(r.targets.floor), sat(r.targets.stackFloor), sat(r.targets.service)];
  if (!floor || !stack || !service) return [];
  const rps = (p: PhaseReport) => p.load.requestsPerSecond;
  const p99 = (t: TargetReport) => bestPhase(t, 'half of peak (paced)')?.load.latency.p99;
  const floorP99 = p99(r.targets.floor);
  const row = (name: string, t: TargetReport, p: PhaseReport) => {
    const tail = p99(t);
    const tailCell = tail === undefined ? '–' : `${fmt(tail, 1)}${floorP99 && t !== r.targets.floor ? ` (${fmt(tail / floorP99, 2)} ×)` : ''}`;
    return `| ${name} | ${int(rps(p))} | ${fmt(rps(p) / rps(floor), 2)} | ${fmt(p.serverCpuMsPerRequest, 3)} | ${tailCell} | ${fmt(t.idle.peakRssMb, 1)} | ${fmt(t.peakRssMb, 1)} |`;
  };
  const stackP99 = p99(r.targets.stackFloor);
  const stackShare = (stack.serverCpuMsPerRequest - floor.serverCpuMsPerRequest) / Math.max(0.001, service.serverCpuMsPerRequest - floor.serverCpuMsPerRequest);
  return [
    '### What the fixed stack costs (best rounds at saturation)', '',
    '| server | req/s | of the floor | server CPU ms/req | p99 at half of its peak, ms (of the floor\'s) | VmHWM before the load MB | peak RSS (VmHWM) MB |', '|---|---:|---:|---:|---:|---:|---:|',
    row('floor (node:http, no framework)', r.targets.floor, floor),
    row('stack floor (Nest + Fastify + passport-jwt + TypeORM, the work only)', r.targets.stackFloor, stack),
    row('service', r.targets.service, service),
    '',
    `The stack floor reaches ${fmt(rps(stack) / rps(floor), 2)} of the floor and peaks at ${fmt(r.targets.stackFloor.peakRssMb, 0)} MB with nothing of ours but the statement: ` +
      `of the ${fmt(service.serverCpuMsPerRequest - floor.serverCpuMsPerRequest, 3)} ms of server CPU per request the service spends beyond the floor, ${fmt(stack.serverCpuMsPerRequest - floor.serverCpuMsPerRequest, 3)} ms (${fmt(100 * stackShare, 0)} %) are the stack's own; ` +
      `the service runs at ${fmt(rps(service) / rps(stack), 2)} of the stack floor. ` +
      (rps(stack) > rps(floor) ? `(The stack floor out-ran the bare floor here: with ${r.options.rounds === 1 ? 'one round' : 'these rounds'} that is noise, and so is the share above.) ` : '') +
      `The stack alone ${r.targets.stackFloor.peakRssMb > 150 ? 'is already above' : 'stays within'} the 150 MB target (${fmt(r.targets.stackFloor.idle.peakRssMb, 0)} MB before any request)` +
      (stackP99 !== undefined && floorP99 ? `, and its p99 at half of its own peak is ${fmt(stackP99, 1)} ms, ${fmt(stackP99 / floorP99, 2)} × the floor's.` : '.'),
    '',
  ];
}

/** The result as Markdown (bench/results/latest.md; also printed at the end of the run). */
export function toMarkdown(r: BenchResults): string {
  const lines: string[] = [];
  lines.push(`# orgbind benchmark — ${r.generatedAt.slice(0, 19).replace('T', ' ')} UTC`, '');
  lines.push(`Machine: ${r.machine.cpu}, **${r.machine.cores} cores**, ${int(r.machine.memoryMb)} MB; Node ${r.machine.node}; ${r.machine.os}.`);
  lines.push(`PostgreSQL ${r.database.version} (${r.database.source}) on the same machine, fsync=${r.database.settings.fsync}, synchronous_commit=${r.database.settings.synchronous_commit}; one durable commit (200 in a row before the load): ${fmt(r.database.durableCommitMs.median, 2)} ms median, p90 ${fmt(r.database.durableCommitMs.p90, 2)} ms, p99 ${fmt(r.database.durableCommitMs.p99, 2)} ms, max ${fmt(r.database.durableCommitMs.max, 1)} ms (the disk's jitter is every audited request's).`);
  lines.push(`Data: ${int(r.options.organizations)} organizations, ${int(r.options.boundUsers)} bound legal-person users, ${int(r.setup.tokens)} distinct tokens (${r.setup.tokenSigning}).`);
  lines.push(`Load: autocannon and a paced generator in a separate child process on the same ${r.machine.cores} cores; ${r.options.connections} keep-alive connections; warm-up ${r.options.warmupSeconds} s, then ${r.options.rounds} round(s) of ${r.options.phaseSeconds} s per phase, the servers taking turns; DB pool ${r.options.poolSize} in both servers; service NODE_OPTIONS="${r.options.serviceNodeOptions}". Background load before the phases: ${fmt(r.backgroundLoadCores, 2)} cores. Commit ${r.git.commit.slice(0, 12)}${r.git.dirty ? ' (uncommitted changes)' : ''}. Whole run: ${int(r.durationSeconds)} s.`, '');

  lines.push('## Targets (issues 8 and 14)', '', '| metric | measured | target | met |', '|---|---:|---|:-:|');
  for (const f of r.targetsMet) lines.push(`| ${f.metric} | ${f.value} ${f.unit} | ${f.target ?? ''} | ${mark(f.met)} |`);
  for (const section of r.extra) {
    for (const f of section.figures.filter((x) => x.target)) lines.push(`| ${section.title}: ${f.metric} | ${f.value} ${f.unit} | ${f.target} | ${mark(f.met)} |`);
  }
  lines.push('');

  lines.push('## POST /v1/resolutions, bound legal-person users', '');
  lines.push('| server | phase | round | offered | req/s | p50 ms | p90 ms | p99 ms | max ms | CPU cores: server / PostgreSQL / load gen. / other | server CPU ms/req | RSS max MB | load gen. event-loop delay p99 / max ms | errors |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const targets = [r.targets.floor, r.targets.service, r.targets.stackFloor, r.targets.serviceWithRequestLogs, r.targets.serviceDefaultHeap, r.targets.introspection?.warm ?? null, r.targets.introspection?.cold ?? null].filter(
    (t): t is TargetReport => t !== null,
  );
  for (const t of targets) {
    for (const p of t.phases) {
      const l = p.load;
      const offered = l.targetRate ? `${int(l.targetRate)}/s` : `${l.connections} conn.`;
      const errors = l.non2xx + l.notBound + l.errors + l.unanswered;
      const cpu = `${fmt(p.cpu.server, 2)} / ${p.cpu.postgres === null ? '–' : fmt(p.cpu.postgres, 2)} / ${fmt(p.cpu.loadGenerator, 2)} / ${fmt(p.cpu.other, 2)}`;
      const best = bestPhase(t, p.name) === p && t.phases.filter((x) => x.name === p.name).length > 1 ? ' ★' : '';
      lines.push(`| ${t.label} | ${p.name} | ${p.round}${best} | ${offered} | ${int(l.requestsPerSecond)} | ${fmt(l.latency.p50, 2)} | ${fmt(l.latency.p90, 2)} | ${fmt(l.latency.p99, 2)} | ${fmt(l.latency.max, 1)} | ${cpu} | ${fmt(p.serverCpuMsPerRequest, 3)} | ${fmt(p.rssMaxMb, 0)} | ${fmt(l.generatorEventLoopDelay.p99, 1)} / ${fmt(l.generatorEventLoopDelay.max, 1)} | ${errors} |`);
    }
  }
  if (r.options.rounds > 1) lines.push('', '★ the round the targets count (best of the rounds).');
  lines.push('');
  lines.push(`Service/floor requests/s at saturation, round by round (the floor with ${r.tokenVerification.fastest}):`, '');
  const saturation = (t: TargetReport) => t.phases.filter((p) => p.name === 'saturation');
  const floorRounds = saturation(r.targets.floor);
  lines.push(`| server | ${floorRounds.map((p) => `round ${p.round}`).join(' | ')} | best / best |`, `|---|${floorRounds.map(() => '---:').join('|')}|---:|`);
  const floorBest = bestPhase(r.targets.floor, 'saturation')?.load.requestsPerSecond ?? 0;
  for (const t of targets.filter((x) => x !== r.targets.floor)) {
    const rounds = saturation(t);
    const cells = floorRounds.map((f) => {
      const same = rounds.find((p) => p.round === f.round);
      return same ? fmt(same.load.requestsPerSecond / f.load.requestsPerSecond, 2) : '';
    });
    lines.push(`| ${t.label} | ${cells.join(' | ')} | ${fmt((bestPhase(t, 'saturation')?.load.requestsPerSecond ?? 0) / Math.max(1, floorBest), 2)} |`);
  }
  lines.push('');
  if (r.targets.introspection) {
    const rps = (t: TargetReport) => bestPhase(t, 'saturation')?.load.requestsPerSecond ?? 0;
    const jwt = rps(r.targets.service);
    const { warm, cold } = r.targets.introspection;
    lines.push('Opaque tokens (PLATFORM_TOKEN_MODE=introspection) against JWTs, at saturation, in this run:', '');
    lines.push('| service | req/s | against the JWT mode |', '|---|---:|---:|');
    lines.push(`| JWT mode (passport-jwt, JWKS) | ${int(jwt)} | 1.00 |`);
    lines.push(`| introspection, warm cache | ${int(rps(warm))} | ${fmt(rps(warm) / Math.max(1, jwt), 2)} |`);
    lines.push(`| introspection, cold cache (a platform call per request) | ${int(rps(cold))} | ${fmt(rps(cold) / Math.max(1, jwt), 2)} |`);
    lines.push('');
  }
  lines.push('| server | RSS / VmHWM before the load MB | peak RSS (VmHWM) MB | RSS after load MB | audit rows / BOUND responses |', '|---|---:|---:|---:|---:|');
  for (const t of targets) lines.push(`| ${t.label} | ${fmt(t.idle.rssMb, 1)} / ${fmt(t.idle.peakRssMb, 1)} | ${fmt(t.peakRssMb, 1)} | ${fmt(t.rssAfterLoadMb, 1)} | ${int(t.audit.rows)} / ${int(t.audit.boundResponses)} |`);
  lines.push('');
  lines.push(...stackSection(r));
  lines.push('Servers:', '');
  for (const t of targets) lines.push(`- **${t.label}**: ${t.description}`);
  lines.push('');

  lines.push(...tailSection(r));

  lines.push('## Organization import', '');
  const imp = r.organizationImport;
  lines.push(`${int(imp.rows)} rows (generated TSV, the real \`importOrganizations\` of \`npm run import\`, one transaction): ${int(imp.imported)} imported, ${imp.rejected} rejected, ${imp.warnings} warnings in **${fmt(imp.seconds, 1)} s** (${int(imp.rowsPerSecond)} rows/s).`, '');

  const v = r.tokenVerification;
  lines.push('## The floor\'s verifier: the candidates, in process (µs per token, same checks)', '', '| verifier | µs/token | |', '|---|---:|---|');
  for (const name of Object.keys(v.micros) as VerifierName[]) lines.push(`| ${name}: ${v.descriptions[name]} | ${fmt(v.micros[name], 1)} | ${name === v.fastest ? '**the floor\'s** (fastest)' : ''}${name === 'jsonwebtoken' ? (name === v.fastest ? '; ' : '') + 'the service\'s' : ''} |`);
  lines.push('', `All accept and refuse the same tokens, checked before the measurement: ${v.conformance.join('; ')}.`, '');

  lines.push('## Other capabilities: legacy accounts and binding by re-authentication, the registrar\'s review list', '');
  if (r.extra.length === 0) {
    lines.push(r.options.resolutionsOnly
      ? 'Not measured in this run: skipped by `--resolutions-only` (`bench/legacy-binding.bench.ts`, `bench/review-list.bench.ts`).'
      : 'Not measured in this run.', '');
  }
  for (const section of r.extra) {
    lines.push(`### ${section.title}`, '');
    if (section.table) {
      lines.push(`| ${section.table.head.join(' | ')} |`, `|${section.table.head.map((_, i) => (i === 0 || i === section.table!.head.length - 1 ? '---' : '---:')).join('|')}|`);
      for (const row of section.table.rows) lines.push(`| ${row.join(' | ')} |`);
      lines.push('');
    }
    lines.push('| metric | value | target | note |', '|---|---:|---|---|');
    for (const f of section.figures) lines.push(`| ${f.metric} | ${f.value} ${f.unit} | ${f.target ?? ''} ${mark(f.met)} | ${f.note ?? ''} |`);
    lines.push('');
    for (const n of section.notes ?? []) lines.push(`- ${n}`);
    if (section.notes?.length) lines.push('');
  }

  if (r.notes.length) {
    lines.push('## Notes', '');
    for (const n of r.notes) lines.push(`- ${n}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The half-of-peak phase's figures, client side and server side, for one server. */
interface TailColumn {
  readonly label: string;
  readonly phase: PhaseReport;
  readonly server: ServerSideFigures;
}

const bucketText = (k: GcKindFigures) => (k.longestBucketMs ? (k.longestBucketMs[1] === null ? `> ${fmt(k.longestBucketMs[0], 1)}` : `${fmt(k.longestBucketMs[0], 1)}–${fmt(k.longestBucketMs[1], 1)}`) : '–');

/**
 * "Where the tail comes from (half of peak)": for the round of the paced half-of-peak phase that
 * counts, the client's percentiles beside what each server measured itself (bench/lib/tail.ts),
 * and sentences computed from them.
 */
export function tailSection(r: BenchResults): string[] {
  const columns: TailColumn[] = [];
  for (const t of [r.targets.floor, r.targets.service]) {
    const p = bestPhase(t, 'half of peak (paced)');
    if (p?.serverSide) columns.push({ label: t.label, phase: p, server: p.serverSide });
  }
  if (columns.length === 0) return [];
  const lines: string[] = ['## Where the tail comes from (half of peak)', ''];
  lines.push(
    'The round that counts of the paced half-of-peak phase. Server-side figures are deltas of each server\'s own measurements read right before and right after the phase: the service\'s /metrics (prom-client), the floor\'s bench-only GET /stats, in the same buckets; percentiles of histograms are interpolated linearly within their bucket (as `histogram_quantile()`), so they are estimates to a bucket\'s width. The server-side request time runs from the request\'s arrival in the event loop to the response (Fastify\'s `reply.elapsedTime`; the floor: request event to `res.end()`): the client\'s latency adds the time before the server reads the request (kernel queues while the event loop is busy, e.g. in a GC pause) and the load generator\'s own delays.',
    '',
  );
  const row = (name: string, cell: (c: TailColumn) => string) => lines.push(`| ${name} | ${columns.map(cell).join(' | ')} |`);
  lines.push(`| | ${columns.map((c) => c.label).join(' | ')} |`, `|---|${columns.map(() => '---:').join('|')}|`);
  row('offered / answered req/s', (c) => `${int(c.phase.load.targetRate ?? 0)} / ${int(c.phase.load.requestsPerSecond)}`);
  row('client latency p50 / p99 / max ms', (c) => `${fmt(c.phase.load.latency.p50, 2)} / ${fmt(c.phase.load.latency.p99, 2)} / ${fmt(c.phase.load.latency.max, 1)}`);
  row('server-side request time p50 / p99 ms (interpolated)', (c) => `${fmt(c.server.requestMs.p50, 2)} / ${fmt(c.server.requestMs.p99, 2)}`);
  row('client p99 − server-side p99 ms (outside the handler)', (c) => fmt(c.phase.load.latency.p99 - c.server.requestMs.p99, 2));
  row('GC pauses: count / total ms', (c) => `${int(c.server.gc.count)} / ${fmt(c.server.gc.totalMs, 1)}`);
  row('GC pause ms per second of load (share of wall time)', (c) => `${fmt(c.server.gc.msPerSecond, 2)} (${fmt(c.server.gc.wallSharePercent, 2)} %)`);
  row('scavenges (minor): count / total ms / longest bucket ms', (c) => `${int(c.server.gc.byKind.minor.count)} / ${fmt(c.server.gc.byKind.minor.totalMs, 1)} / ${bucketText(c.server.gc.byKind.minor)}`);
  row('mark-compact (major): count / total ms / longest bucket ms', (c) => `${int(c.server.gc.byKind.major.count)} / ${fmt(c.server.gc.byKind.major.totalMs, 1)} / ${bucketText(c.server.gc.byKind.major)}`);
  row('incremental marking + weak callbacks: count / total ms', (c) => `${int(c.server.gc.byKind.incremental.count + c.server.gc.byKind.weakcb.count)} / ${fmt(c.server.gc.byKind.incremental.totalMs + c.server.gc.byKind.weakcb.totalMs, 1)}`);
  row('pool wait p99 ms / checkouts waiting > 1 ms', (c) => `${fmt(c.server.poolWait.p99Ms, 3)} / ${fmt(c.server.poolWait.over1msPercent, 2)} % of ${int(c.server.poolWait.count)}`);
  row('the statement (pool wait included) p50 / p99 ms', (c) => `${fmt(c.server.statementMs.p50, 2)} / ${fmt(c.server.statementMs.p99, 2)}`);
  row('server event-loop delay p99 / max ms (10 ms sampling)', (c) => `${fmt(c.server.eventLoopDelayMs.p99, 1)} / ${fmt(c.server.eventLoopDelayMs.max, 1)}`);
  row('load generator event-loop delay p99 / max ms', (c) => `${fmt(c.phase.load.generatorEventLoopDelay.p99, 1)} / ${fmt(c.phase.load.generatorEventLoopDelay.max, 1)}`);
  lines.push('');
  lines.push(`Commit jitter reference (one durable commit, 200 in a row before the load): p99 ${fmt(r.database.durableCommitMs.p99, 2)} ms, max ${fmt(r.database.durableCommitMs.max, 1)} ms.`, '');
  for (const c of columns) {
    const clientP99 = c.phase.load.latency.p99;
    const outside = clientP99 - c.server.requestMs.p99;
    const gc = c.server.gc;
    const longest = (['major', 'minor'] as const).filter((k) => gc.byKind[k].count > 0).map((k) => `${k === 'minor' ? 'scavenges' : 'mark-compacts'} up to the ${bucketText(gc.byKind[k])} ms bucket`);
    const statementOverCommit = c.server.statementMs.p99 - r.database.durableCommitMs.p99;
    lines.push(
      `- **${c.label}**: client p99 ${fmt(clientP99, 2)} ms vs server-side p99 ${fmt(c.server.requestMs.p99, 2)} ms: ${outside >= 0 ? `${fmt(outside, 2)} ms of the tail is spent outside the handler` : 'the tail is inside the handler'}. ` +
        `GC paused it ${fmt(gc.msPerSecond, 1)} ms per second of load (${fmt(gc.wallSharePercent, 2)} % of the time)${longest.length ? `, ${longest.join(', ')}` : ''}. ` +
        `Pool waits: p99 ${fmt(c.server.poolWait.p99Ms, 3)} ms, ${fmt(c.server.poolWait.over1msPercent, 2)} % of checkouts waited over 1 ms${c.server.poolWait.over1msPercent >= 1 ? ' (the pool is part of the tail)' : ''}. ` +
        `The statement: p50 ${fmt(c.server.statementMs.p50, 2)} ms, p99 ${fmt(c.server.statementMs.p99, 2)} ms (${statementOverCommit > 0 ? `${fmt(statementOverCommit, 2)} ms above` : 'within'} the durable commit's p99 alone). ` +
        `Event-loop delay p99 ${fmt(c.server.eventLoopDelayMs.p99, 1)} ms, max ${fmt(c.server.eventLoopDelayMs.max, 1)} ms.`,
    );
  }
  const floor = columns.find((c) => c.label === r.targets.floor.label);
  const missed = floor?.server.raw.gcEntriesAfterFirst;
  if (floor && missed !== undefined) {
    lines.push(`- prom-client 15's \`nodejs_gc_duration_seconds\` records only the first entry of each GC observer callback; the floor's observer, counting all, was handed ${int(missed)} entries after a first (${fmt((missed / Math.max(1, floor.server.gc.count)) * 100, 1)} % of its ${int(floor.server.gc.count)} pauses): the service's GC counts may miss about as many.`);
  }
  lines.push('');
  return lines;
}

/** A small SVG chart: requests/s at saturation, and p50/p99 at half of the service's peak. */
export function toSvg(r: BenchResults): string {
  const W = 760;
  const H = 300;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">POST /v1/resolutions, bound users — ${r.machine.cores} cores, PostgreSQL on the same machine</text>`);

  const colors: Record<string, string> = { floor: '#9e9e9e', service: '#1565c0', logs: '#64b5f6' };
  const bars: { label: string; value: number; color: string }[] = [
    { label: 'floor', value: phase(r.targets.floor, 'saturation')?.load.requestsPerSecond ?? 0, color: colors.floor },
    { label: 'service', value: phase(r.targets.service, 'saturation')?.load.requestsPerSecond ?? 0, color: colors.service },
  ];
  const logs = r.targets.serviceWithRequestLogs && phase(r.targets.serviceWithRequestLogs, 'saturation');
  if (logs) bars.push({ label: 'service, info logs', value: logs.load.requestsPerSecond, color: colors.logs });

  // Left panel: requests/s.
  const left = { x: 60, y: 50, w: 300, h: 200 };
  const maxRps = Math.max(...bars.map((b) => b.value), 1) * 1.15;
  parts.push(`<text x="${left.x + left.w / 2}" y="${left.y - 8}" text-anchor="middle" font-weight="bold">requests/s at saturation (ratio ${fmt(r.summary.ratio, 2)})</text>`);
  parts.push(axis(left, maxRps, (v) => int(v)));
  const bw = left.w / (bars.length * 1.6);
  bars.forEach((b, i) => {
    const x = left.x + (i + 0.3) * bw * 1.6;
    const h = (b.value / maxRps) * left.h;
    parts.push(`<rect x="${x}" y="${left.y + left.h - h}" width="${bw}" height="${h}" fill="${b.color}"/>`);
    parts.push(`<text x="${x + bw / 2}" y="${left.y + left.h - h - 4}" text-anchor="middle">${int(b.value)}</text>`);
    parts.push(`<text x="${x + bw / 2}" y="${left.y + left.h + 16}" text-anchor="middle">${esc(b.label)}</text>`);
  });

  // Right panel: latency at half of peak.
  const right = { x: 450, y: 50, w: 280, h: 200 };
  const groups = [
    { label: 'floor', p: phase(r.targets.floor, 'half of peak (paced)'), color: colors.floor },
    { label: 'service', p: phase(r.targets.service, 'half of peak (paced)'), color: colors.service },
  ];
  const maxMs = Math.max(22, ...groups.map((g) => g.p?.load.latency.p99 ?? 0)) * 1.1;
  parts.push(`<text x="${right.x + right.w / 2}" y="${right.y - 8}" text-anchor="middle" font-weight="bold">latency at half of each one's peak (ms)</text>`);
  parts.push(axis(right, maxMs, (v) => fmt(v, 0)));
  const targetY = right.y + right.h - (20 / maxMs) * right.h;
  parts.push(`<line x1="${right.x}" x2="${right.x + right.w}" y1="${targetY}" y2="${targetY}" stroke="#c62828" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${right.x + right.w}" y="${targetY - 4}" text-anchor="end" fill="#c62828">p99 target 20 ms</text>`);
  const gw = right.w / groups.length;
  groups.forEach((g, i) => {
    const values = [{ k: 'p50', v: g.p?.load.latency.p50 ?? 0, o: 0.55 }, { k: 'p99', v: g.p?.load.latency.p99 ?? 0, o: 1 }];
    values.forEach((val, j) => {
      const w = gw * 0.3;
      const x = right.x + i * gw + gw * 0.15 + j * (w + 6);
      const h = (val.v / maxMs) * right.h;
      parts.push(`<rect x="${x}" y="${right.y + right.h - h}" width="${w}" height="${h}" fill="${g.color}" fill-opacity="${val.o}"/>`);
      parts.push(`<text x="${x + w / 2}" y="${right.y + right.h - h - 4}" text-anchor="middle">${fmt(val.v, 1)}</text>`);
      parts.push(`<text x="${x + w / 2}" y="${right.y + right.h + 14}" text-anchor="middle" font-size="10">${val.k}</text>`);
    });
    parts.push(`<text x="${right.x + i * gw + gw / 2}" y="${right.y + right.h + 28}" text-anchor="middle">${esc(`${g.label} @ ${int(g.p?.load.targetRate ?? 0)}/s`)}</text>`);
  });
  parts.push(`<text x="10" y="${H - 6}" font-size="10" fill="#555">${esc(`${r.generatedAt.slice(0, 10)} · commit ${r.git.commit.slice(0, 12)} · peak RSS service ${fmt(r.summary.servicePeakRssMb, 0)} MB · ${int(r.options.organizations)} organizations imported in ${fmt(r.summary.importSeconds, 1)} s`)}</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function axis(box: { x: number; y: number; w: number; h: number }, max: number, label: (v: number) => string): string {
  const out: string[] = [`<line x1="${box.x}" x2="${box.x}" y1="${box.y}" y2="${box.y + box.h}" stroke="#333"/>`, `<line x1="${box.x}" x2="${box.x + box.w}" y1="${box.y + box.h}" y2="${box.y + box.h}" stroke="#333"/>`];
  for (let i = 0; i <= 4; i++) {
    const v = (max / 4) * i;
    const y = box.y + box.h - (v / max) * box.h;
    out.push(`<line x1="${box.x - 4}" x2="${box.x + box.w}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    out.push(`<text x="${box.x - 6}" y="${y + 4}" text-anchor="end" font-size="10">${label(v)}</text>`);
  }
  return out.join('\n');
}
