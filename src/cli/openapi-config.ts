import { AppConfig, loadConfig } from '../config/app-config';

/** A configuration that builds the module graph without any real database or platform. */
export function openApiConfig(): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi',
    PLATFORM_ISSUER: 'https://platform.invalid',
    PLATFORM_AUDIENCE: 'orgbind',
    PLATFORM_JWKS_URI: 'https://platform.invalid/jwks',
    LOG_LEVEL: 'silent',
  });
}
