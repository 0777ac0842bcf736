/**
 * One writer at a time: each task starts when every task queued before it has settled (a failure does not stop
 * the queue), and its own result or error goes back to its caller. Settings and history write through one each.
 */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
}
