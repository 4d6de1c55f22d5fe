import type { PhaseReport, TargetReport } from '../../bench/lib/context';
import { BenchResults, stackSection } from '../../bench/lib/report';

/** A target with one saturation round and one paced half-of-peak round. */
function target(label: string, rps: number, cpuMsPerRequest: number, p99HalfMs: number, idlePeakMb: number, peakMb: number): TargetReport {
  const phase = (name: string, requestsPerSecond: number, p99: number) =>
    ({ name, round: 1, load: { requestsPerSecond, latency: { p99 } }, serverCpuMsPerRequest: cpuMsPerRequest }) as unknown as PhaseReport;
  return {
    label,
    description: label,
    phases: [phase('saturation', rps, 80), phase('half of peak (paced)', rps / 2, p99HalfMs)],
    peakRssMb: peakMb,
    rssAfterLoadMb: peakMb,
    idle: { rssMb: idlePeakMb - 10, peakRssMb: idlePeakMb },
    audit: { rows: 0, boundResponses: 0 },
  };
}

/** The bench's "What the fixed stack costs" section (bench/lib/report.ts). */
describe('bench stack section', () => {
  const results = {
    targets: {
      floor: target('floor', 4000, 0.2, 30, 80, 110),
      stackFloor: target('stack floor', 2000, 0.35, 36, 116, 160),
      service: target('service', 1600, 0.55, 45, 166, 205),
    },
  } as unknown as BenchResults;

  it('puts the stack floor between the floor and the service, with ratios against the floor', () => {
    const lines = stackSection(results);
    const row = (prefix: string) => lines.find((l) => l.startsWith(`| ${prefix}`))!.split('|').map((c) => c.trim());
    expect(row('floor')).toEqual(['', 'floor (node:http, no framework)', '4,000', '1.00', '0.200', '30.0', '80.0', '110.0', '']);
    expect(row('stack floor').slice(2, 8)).toEqual(['2,000', '0.50', '0.350', '36.0 (1.20 ×)', '116.0', '160.0']);
    expect(row('service').slice(2, 8)).toEqual(['1,600', '0.40', '0.550', '45.0 (1.50 ×)', '166.0', '205.0']);
  });

  it('states how much of the service\'s CPU beyond the floor is the stack\'s, and whether the stack alone fits 150 MB', () => {
    const text = stackSection(results).join('\n');
    // (0.35 - 0.2) / (0.55 - 0.2) = 43 %
    expect(text).toContain('0.150 ms (43 %) are the stack\'s own');
    expect(text).toContain('the service runs at 0.80 of the stack floor');
    expect(text).toContain('is already above the 150 MB target (116 MB before any request)');
    expect(text).toContain('36.0 ms, 1.20 × the floor\'s');
  });

  it('calls a stack floor faster than the bare floor noise', () => {
    const faster = { options: { rounds: 1 }, targets: { ...results.targets, stackFloor: target('stack floor', 4400, 0.19, 30, 116, 160) } } as unknown as BenchResults;
    expect(stackSection(faster).join('\n')).toContain('The stack floor out-ran the bare floor here: with one round that is noise');
    expect(stackSection(results).join('\n')).not.toContain('out-ran');
  });

  it('is left out when a server has no saturation round', () => {
    const empty = { targets: { ...results.targets, stackFloor: { ...results.targets.stackFloor, phases: [] } } } as unknown as BenchResults;
    expect(stackSection(empty)).toEqual([]);
  });
});
