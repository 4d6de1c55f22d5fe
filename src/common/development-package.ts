/**
 * Load a package that only development needs (the embedded PostgreSQL, the development
 * platform's OIDC provider). They are devDependencies: production installs
 * (`npm ci --omit=dev`, the container image) do not have them, and production configuration
 * never reaches the code that loads them. When one is missing, say what to do.
 */
export async function loadDevelopmentPackage<T>(name: string, purpose: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((error as Error).message).includes(name)) {
      throw new Error(
        `${purpose} needs the development package "${name}", which is not installed (production installs omit dev dependencies). ` +
          'Install with `npm ci` (dev dependencies included), or configure the real service instead (DATABASE_URL, PLATFORM_*).',
        { cause: error },
      );
    }
    throw error;
  }
}
