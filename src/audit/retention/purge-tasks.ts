import { auditEventsPurgeTask } from './audit-events.purge-task';
import { sessionsPurgeTask } from '../../sessions/sessions.purge-task';
import { PurgeTask } from './purge-task';

/**
 * Every purge task of `npm run audit:purge`, run in this order. A capability that keeps
 * personal data for a limited time (e.g. ended sessions) adds its task here, with its own
 * retention setting in the configuration.
 */
export const PURGE_TASKS: readonly PurgeTask[] = [auditEventsPurgeTask, sessionsPurgeTask];
