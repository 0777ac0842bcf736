/** The alert policy: which confirmed monitor events become OS notifications (pure functions, JSON memory). */
export { decideNotifications } from './policy.js';
export { type PolicyMemory } from './memory.js';
export { NODE_FOLDS } from './node-storms.js';
