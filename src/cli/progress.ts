import { SingleBar, Presets } from 'cli-progress';
import type { ImportProgress } from '../registry/import/import-report';

/** A progress bar on stderr (plain lines every 10 % when stderr is not a terminal). */
export function progressBar(label: string, options: { unit?: string; prefix?: string } = {}): { update: ImportProgress; stop(): void } {
  const unit = options.unit ?? 'rows';
  const prefix = options.prefix ? `${options.prefix} ` : '';
  if (!process.stderr.isTTY) {
    let lastPercent = -1;
    return {
      update: (done, total) => {
        const percent = total === 0 ? 100 : Math.floor((done / total) * 10) * 10;
        if (percent !== lastPercent) {
          lastPercent = percent;
          process.stderr.write(`${prefix}${label}: ${done}/${total} ${unit} (${percent}%)\n`);
        }
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({ format: `${prefix}${label.padEnd(34)} [{bar}] {percentage}% | {value}/{total} ${unit} | {eta}s left`, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
