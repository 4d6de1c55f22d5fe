import { progressBar as cliProgressBar } from '../../src/cli/progress';

/** A progress line on stderr (stdout carries the result table). */
export type Log = (message: string) => void;

export const log: Log = (message) => {
  process.stderr.write(`[bench] ${message}\n`);
};

/** A counter with a bar on stderr (the CLIs' bar, with the bench's prefix). */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function progressBar(label: string, unit: string): Progress {
  return cliProgressBar(label, { unit, prefix: '[bench]' });
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
