import { RateLimitBuckets1795941628414 } from './1795941628414-RateLimitBuckets';
import { PersonalDataProtection1795941727131 } from './1795941727131-PersonalDataProtection';
import { AuditTrail1795938671996 } from './1795938671996-AuditTrail';
import { RegistrationApplications1795938739887 } from './1795938739887-RegistrationApplications';
import { OrganizationLifecycleAndSessions1795939741787 } from './1795939741787-OrganizationLifecycleAndSessions';
import { EventFeed1795938035109 } from './1795938035109-EventFeed';
import { LegacyAccountsAndLockout1795938412251 } from './1795938412251-LegacyAccountsAndLockout';
import { InitialSchema1795937345932 } from './1795937345932-InitialSchema';
/** Every migration, in order. `npm run migration:generate` appends new files here. */
export const MIGRATIONS: Function[] = [
  InitialSchema1795937345932,
  EventFeed1795938035109,
  LegacyAccountsAndLockout1795938412251,
  AuditTrail1795938671996,
  RegistrationApplications1795938739887,
  OrganizationLifecycleAndSessions1795939741787,
  RateLimitBuckets1795941628414,
  PersonalDataProtection1795941727131,
];
