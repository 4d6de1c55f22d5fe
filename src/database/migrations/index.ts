import { LegacyAccountsAndLockout1795938412251 } from './1795938412251-LegacyAccountsAndLockout';
import { InitialSchema1795937345932 } from './1795937345932-InitialSchema';
/** Every migration, in order. `npm run migration:generate` appends new files here. */
export const MIGRATIONS: Function[] = [
  InitialSchema1795937345932,
  LegacyAccountsAndLockout1795938412251,
];
