import { Presets, SingleBar } from 'cli-progress';

/** A progress line on stderr (stdout carries the result table). */
export type Log = (message: string) => void;

export const log: Log = (message) => {
  process.stderr.write(`[bench] ${message}\n`);
};

/** A counter with a bar on stderr (plain lines every 10 % when stderr is not a terminal). */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function progressBar(label: string, unit: string): Progress {
  if (!process.stderr.isTTY) {
    let lastTenth = -1;
    return {
      update: (done, total) => {
        const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          log(`${label}: ${done}/${total} ${unit} (${tenth * 10}%)`);
        }
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar(
    { format: `[bench] ${label.padEnd(34)} [{bar}] {percentage}% | {value}/{total} ${unit} | {eta}s left`, stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
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

/** A bar that fills over `seconds` (a timed load phase). */
export function timedBar(label: string, seconds: number): { stop(): void } {
  if (!process.stderr.isTTY) return { stop: () => undefined }; // the phase's result line follows
  const bar = progressBar(label, 's');
  const started = Date.now();
  const timer = setInterval(() => {
    bar.update(Math.min(seconds, Math.round((Date.now() - started) / 1000)), seconds);
  }, 500);
  return {
    stop: () => {
      clearInterval(timer);
      bar.update(seconds, seconds);
      bar.stop();
    },
  };
}
