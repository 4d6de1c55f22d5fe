import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/**
 * Where a running development platform can be found, written by the process that started it
 * so that another process (`npm run token`) can mint tokens through it.
 */
export interface DevPlatformState {
  /** Issuer URL, e.g. `http://127.0.0.1:4010`. */
  readonly issuer: string;
  /** Audience the platform puts in its access tokens. */
  readonly audience: string;
  /** Process id of the process serving the platform. */
  readonly pid: number;
  /**
   * The token format the service running beside it accepts (`opaque` when its
   * `PLATFORM_TOKEN_MODE` is `introspection` or `userinfo`): `npm run token`'s default.
   */
  readonly tokenFormat?: 'jwt' | 'opaque';
  /** The same for service clients' tokens (`PLATFORM_SERVICE_TOKEN_MODE`). */
  readonly serviceTokenFormat?: 'jwt' | 'opaque';
}

const stateSchema = z.object({
  issuer: z.url({ protocol: /^https?$/ }),
  audience: z.string().min(1),
  pid: z.number().int().positive(),
  tokenFormat: z.enum(['jwt', 'opaque']).optional(),
  serviceTokenFormat: z.enum(['jwt', 'opaque']).optional(),
});

/** `error.code` of a Node.js system error (not `instanceof Error`: it may come from another realm, e.g. under jest). */
function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Folder for the development platform's files under the development data folder. */
export function devPlatformDir(dataDir: string): string {
  return join(dataDir, 'dev-platform');
}

/** `{dataDir}/dev-platform/state.json`. */
export function devPlatformStateFile(dataDir: string): string {
  return join(devPlatformDir(dataDir), 'state.json');
}

/** `{dataDir}/dev-platform/jwks.json`: the conventional keys file (private JWKS). */
export function devPlatformKeysFile(dataDir: string): string {
  return join(devPlatformDir(dataDir), 'jwks.json');
}

/**
 * Record where the development platform runs (`{dataDir}/dev-platform/state.json`).
 * The file is replaced atomically (write to a temporary file, then rename).
 */
export async function writeDevPlatformState(dataDir: string, state: DevPlatformState): Promise<void> {
  const valid = stateSchema.parse(state);
  const file = devPlatformStateFile(dataDir);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(valid, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/**
 * Read the state written by {@link writeDevPlatformState}.
 * @returns `undefined` when no state file exists (the platform was never started there).
 * @throws Error when the file exists but is not a valid state document.
 */
export async function readDevPlatformState(dataDir: string): Promise<DevPlatformState | undefined> {
  const file = devPlatformStateFile(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`development platform state file ${file} is not valid JSON`);
  }
  const parsed = stateSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`development platform state file ${file} is malformed`);
  return parsed.data;
}

/**
 * Remove the state file on shutdown, but only if it still names `pid` (another process may
 * have started a platform since and overwritten it).
 */
export async function clearDevPlatformState(dataDir: string, pid: number = process.pid): Promise<void> {
  const current = await readDevPlatformState(dataDir).catch(() => undefined);
  if (current?.pid !== pid) return;
  await unlink(devPlatformStateFile(dataDir)).catch(() => undefined);
}

/**
 * Whether a process with this id exists (signal 0 probes without signalling).
 * `EPERM` means it exists but belongs to another user.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}
