/** Every invoke channel's handler, one area per file; the HandlerMap type makes a missing channel a compile error. */
import { agentHandlers } from './agent.js';
import { appHandlers } from './app.js';
import { clusterHandlers } from './clusters.js';
import { envTokenHandlers } from './env-token.js';
import { historyHandlers } from './history.js';
import { memberHandlers } from './members.js';
import { nodeHandlers } from './nodes.js';
import { settingsHandlers } from './settings.js';
import type { HandlerMap } from './types.js';

export type { HandlerContext, HandlerMap } from './types.js';

export const handlers: HandlerMap = {
  ...appHandlers,
  ...clusterHandlers,
  ...memberHandlers,
  ...nodeHandlers,
  ...agentHandlers,
  ...historyHandlers,
  ...settingsHandlers,
  ...envTokenHandlers,
};
