/**
 * The monitor engine's detection half: the Detector (observe → confirm → diff), plus the displayed cluster state and
 * quorum arithmetic. Shapes live in types.ts and are re-exported here once.
 */
export type * from './types.js';
export { quorumByRegion, quorumLevel, quorumSize, describeQuorum, type QuorumLevel } from './quorum.js';
export { clusterState, worstState, type ClusterStateInput, type ClusterStateResult } from './state.js';
export { observe, reachabilityOf } from './observe.js';
export { Detector, type ConfirmResult } from './detector.js';
export { NodeDetector, DEFAULT_NODE_DETECTOR, type NodeDetectorConfig } from './node-detector.js';
export { diffViews, flapEvents, type DiffContext } from './diff.js';
export { formatDuration, tlsSentence, errorDetail, flapSubject } from './detect-text.js';
export { compareViews, createConsistencyTracker } from './consistency.js';
export type { ConsistencyOptions } from './consistency.js';
export { FLAP_CONFIRM_FACTOR } from './detect-keys.js';
export { leaderVerdict } from './leadership.js';
