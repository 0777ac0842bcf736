export { createHistory } from './history.js';
export type { History } from './history.js';
