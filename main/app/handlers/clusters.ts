/** clusters:list / pollNow / snooze and monitor:pause / resume: the watch loop as the window drives it. */
import { err, ok } from '../../../common/result.js';
import { fromEngineError, unknownCluster } from '../errors.js';
import { toWireView } from '../wire-view.js';
import type { HandlerSet } from './types.js';

export const clusterHandlers: HandlerSet<
  'clusters:list' | 'clusters:pollNow' | 'clusters:snooze' | 'monitor:pause' | 'monitor:resume'
> = {
  'clusters:list': async ({ engine }) => ok(engine.views().map(toWireView)),

  'clusters:pollNow': async ({ engine }, { clusterId }) => {
    if (clusterId !== undefined && !engine.views().some((v) => v.id === clusterId))
      return err(unknownCluster(clusterId));
    await engine.pollNow(clusterId);
    return ok(null);
  },

  'clusters:snooze': async ({ engine }, { clusterId, duration }) => {
    const done = engine.snooze(clusterId, duration);
    return done.ok ? ok(null) : err(fromEngineError(done.error));
  },

  'monitor:pause': async (ctx) => {
    ctx.setPaused(true);
    return ok(null);
  },

  'monitor:resume': async (ctx) => {
    ctx.setPaused(false);
    return ok(null);
  },
};
