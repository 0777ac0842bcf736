/** The alert policy: which confirmed monitor events become OS notifications (pure functions, JSON memory). */
export { decideNotifications, sweepRounds, type PolicyDecision } from './policy.js';
export {
  boundMemory,
  draftMemory,
  emptyPolicyMemory,
  parsePolicyMemory,
  PolicyMemorySchema,
  MAX_CLUSTERS,
  MAX_OPEN_PER_CLUSTER,
  type ClusterMemory,
  type MemoryDraft,
  type OpenProblem,
  type PolicyMemory,
  type ReminderState,
} from './memory.js';
export { inQuietHours, localMinutesOf, parseHhmm } from './quiet-hours.js';
export { DIGEST_THRESHOLD, digestStorms, foldGroups } from './digest.js';
export { foldNodeStorms, NODE_FOLDS, NODE_STORM_SIZE, type StormContext } from './node-storms.js';
export { evaluateSnoozes, liftOnWorse, type SnoozeRound } from './snooze.js';
export { isBadState, REMINDER_CAP_MS, reminderSeverity, stepReminder } from './reminders.js';
export { dueReminders, type ReminderGate } from './reminder-notices.js';
export {
  awaitedClusters,
  decideNetwork,
  holdMs,
  NETWORK_MIN_CLUSTERS,
  NETWORK_SETTLE_MS,
  sweepNetwork,
  type NetworkOutcome,
} from './network.js';
export {
  classify,
  isElected,
  keysClosedBy,
  problemKey,
  UNREACHABLE_KEY,
  type EventClass,
} from './problems.js';
export { allowedByRules, eventAllowed, nodeAllowed } from './rules.js';
export { isWorse, worstSeverity } from './severity.js';
export {
  digestText,
  eventBody,
  eventNotice,
  hhmm,
  networkDownText,
  networkReminderText,
  networkRestoredText,
  reminderText,
  shortMember,
  whatHappened,
} from './messages.js';
