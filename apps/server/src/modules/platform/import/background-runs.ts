import type { FastifyInstance } from 'fastify';

export interface BackgroundRuns {
  /** Aborted when the server closes: long loops stop after their current batch. */
  readonly signal: AbortSignal;
  /** Runs work after the response went out; the server's close waits for it to stop. */
  run(work: (signal: AbortSignal) => Promise<void>): void;
}

/**
 * Work a route starts and that outlives its request (an import after its 202), in this process.
 * Stopping the server aborts the signal and waits for every run to finish its batch, so a job is
 * left either done or marked interrupted, never half-written. Used by the order import; the
 * customer import does the same by hand and can move to this.
 */
export function backgroundRuns(app: FastifyInstance): BackgroundRuns {
  const stopping = new AbortController();
  const running = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    stopping.abort();
    await Promise.allSettled([...running]);
  });
  return {
    signal: stopping.signal,
    run(work) {
      const p = work(stopping.signal).finally(() => running.delete(p));
      running.add(p);
    },
  };
}
