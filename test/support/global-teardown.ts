/** Jest global teardown: stop the database the setup started (no-op for TEST_DATABASE_URL). */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__ORGBIND_TEST_DATABASE__?.stop();
}
