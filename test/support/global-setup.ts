import { provideTestDatabase, TestDatabase } from './test-database';

declare global {
  var __ORGBIND_TEST_DATABASE__: TestDatabase | undefined;
}

/** Jest global setup: one database for the whole e2e run; workers read its URL from the environment. */
export default async function globalSetup(): Promise<void> {
  const database = await provideTestDatabase();
  globalThis.__ORGBIND_TEST_DATABASE__ = database;
  process.env.ORGBIND_E2E_DATABASE_URL = database.url;
}
