import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from './config/app-config';
import { createDataSource } from './database/data-source';
import { openDatabaseUrl } from './database/database-url';
import { EmbeddedDatabase } from './database/embedded-postgres';
import { devPlatformKeysFile } from './dev-platform/dev-platform-state';
import { DEV_PLATFORM_RESOURCE_SERVER, DevPlatform, startDevPlatform } from './dev-platform/dev-platform';
import { clearDevPlatformState, isProcessAlive, readDevPlatformState, writeDevPlatformState } from './dev-platform/dev-platform-state';
import { OrganizationEntity } from './registry/entities/organization.entity';
import { RegistrationAuthorityEntity } from './registry/entities/registration-authority.entity';
import { importAuthorities } from './registry/import/authority-import';
import { importLegacyAccounts } from './legacy-binding/import/legacy-account-import';
import { Argon2Params } from './legacy-binding/legacy-verifier';
import { formatImportReport } from './registry/import/import-report';
import { importOrganizations } from './registry/import/organization-import';
import { upgradeDatabase } from './database/upgrade';

/** Sample registration authorities (generated from the divisions; see sample-data/README.md). */
export const SAMPLE_AUTHORITY_FILES = ['sample-data/registration-authorities.tsv'];

/** Sample registry files loaded into an empty development database (see sample-data/README.md). */
export const SAMPLE_ORGANIZATION_FILES = [
  'sample-data/liaoning-foundations.tsv',
  'sample-data/demo-organizations.tsv',
  'sample-data/in-formation-organizations.tsv',
];

/** Sample legacy accounts (fictional credentials, sample-data/README.md), loaded after the organizations. */
export const SAMPLE_LEGACY_ACCOUNT_FILES = ['sample-data/legacy-accounts.tsv'];

/**
 * Load the sample registry and legacy accounts (idempotent: upserts; unchanged rows stay as they
 * are, bound accounts stay bound). Used on the first development start and by `npm run demo`.
 */
export async function loadSampleData(dataSource: DataSource, log: RuntimeLog, options: { argon2?: Argon2Params } = {}): Promise<void> {
  // Authorities first: organizations and applications refer to them.
  for (const file of SAMPLE_AUTHORITY_FILES) {
    const report = await importAuthorities(dataSource, await readFile(path.resolve(file)), { file, actor: 'development-sample-data' });
    log(formatImportReport(report).split('\n').slice(0, 2).join('\n'));
  }
  for (const file of SAMPLE_ORGANIZATION_FILES) {
    const report = await importOrganizations(dataSource, await readFile(path.resolve(file)), { file, actor: 'development-sample-data' });
    log(formatImportReport(report).split('\n').slice(0, 2).join('\n'));
  }
  for (const file of SAMPLE_LEGACY_ACCOUNT_FILES) {
    const report = await importLegacyAccounts(dataSource, await readFile(path.resolve(file)), { file, actor: 'development-sample-data', argon2: options.argon2 });
    log(formatImportReport(report).split('\n').slice(0, 2).join('\n'));
  }
}

/** Everything started around the service in development, and how to stop it. */
export interface Runtime {
  /** The configuration with database URL and platform settings resolved. */
  readonly config: AppConfig;
  readonly devPlatform: DevPlatform | null;
  stop(): Promise<void>;
}

/** Progress lines of the start-up sequence. */
export type RuntimeLog = (message: string) => void;

/**
 * Prepare what the service needs before it listens. In development, with nothing configured:
 * the embedded PostgreSQL, the development platform (OIDC provider on loopback), migrations,
 * reference data (divisions) and, on an empty database, the sample registry. In production
 * none of this: the configuration is used as given (migrations run as a separate job).
 */
export async function prepareRuntime(config: AppConfig, log: RuntimeLog): Promise<Runtime> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    let database: EmbeddedDatabase | null = null;
    if (!config.database.url) {
      database = await openDatabaseUrl(config, log);
      stops.push(() => database!.stop());
    }
    const url = database ? database.url : config.database.url!;

    let devPlatform: DevPlatform | null = null;
    let platform = config.platform;
    if (!config.platform.issuer) {
      if (config.isProduction) throw new Error('PLATFORM_ISSUER is required in production');
      const audience = 'orgbind';
      const dataDir = path.resolve(config.dev.dataDir);
      const other = await readDevPlatformState(dataDir);
      if (other && other.pid !== process.pid && isProcessAlive(other.pid)) {
        throw new Error(
          `another orgbind development instance (pid ${other.pid}, platform ${other.issuer}) uses ${dataDir}: stop it first, or give this one its own DEV_DATA_DIR`,
        );
      }
      const startOn = (port: number) => startDevPlatform({
        port,
        keysFile: devPlatformKeysFile(dataDir),
        audience,
        claimNames: config.platform.claims,
        logger: { warn: log, log },
      });
      devPlatform = await startOn(config.dev.platformPort).catch(() => startOn(0));
      const running = devPlatform;
      stops.push(() => running.close());
      const tokenFormat = config.platform.tokenMode === 'jwt' ? 'jwt' : 'opaque';
      const serviceTokenFormat = config.platform.serviceTokenMode === 'jwt' ? 'jwt' : 'opaque';
      await writeDevPlatformState(dataDir, { issuer: running.issuer, audience, pid: process.pid, tokenFormat, serviceTokenFormat });
      stops.push(() => clearDevPlatformState(dataDir));
      platform = {
        ...platform,
        issuer: running.issuer,
        audience,
        jwksUri: running.jwksUri,
        introspectionEndpoint: running.introspectionEndpoint,
        userinfoEndpoint: running.userinfoEndpoint,
        client: platform.client ?? { id: DEV_PLATFORM_RESOURCE_SERVER.id, authMethod: 'client_secret_basic', secret: DEV_PLATFORM_RESOURCE_SERVER.secret },
      };
      if (tokenFormat === 'opaque') log(`development platform: PLATFORM_TOKEN_MODE=${config.platform.tokenMode}: npm run -s token mints opaque tokens, checked at ${config.platform.tokenMode === 'introspection' ? running.introspectionEndpoint : running.userinfoEndpoint}`);
    }

    const resolved: AppConfig = { ...config, database: { ...config.database, url }, platform };
    if (config.database.runMigrationsAtStart || config.dev.loadSampleData) {
      const dataSource = createDataSource(url, 'orgbind-startup');
      await dataSource.initialize();
      try {
        if (config.database.runMigrationsAtStart) {
          const report = await upgradeDatabase(dataSource);
          if (report.applied.length) log(`migrations applied: ${report.applied.join(', ')}`);
          log(`reference data: ${report.divisions} divisions, ${report.aliases} historical codes`);
        }
        const empty = async (entity: typeof OrganizationEntity | typeof RegistrationAuthorityEntity) => (await dataSource.getRepository(entity).count()) === 0;
        if (config.dev.loadSampleData && ((await empty(OrganizationEntity)) || (await empty(RegistrationAuthorityEntity)))) {
          await loadSampleData(dataSource, log, { argon2: config.legacyAccounts.argon2 });
        }
      } finally {
        await dataSource.destroy();
      }
    }
    return { config: resolved, devPlatform, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
