/**
 * The monitor engine's detection half: the Detector (observe → confirm → diff), plus the displayed cluster state and
 * quorum arithmetic. Shapes live in types.ts and are re-exported here once.
 */
export type * from './types.js';
export { clusterState, type ClusterStateInput, type ClusterStateResult } from './state.js';
export { Detector } from './detector.js';
export { NodeDetector } from './node-detector.js';
export { flapSubject } from './detect-text.js';
export { compareViews, createConsistencyTracker } from './consistency.js';
export { FLAP_CONFIRM_FACTOR } from './detect-keys.js';
export { leaderVerdict } from './leadership.js';
