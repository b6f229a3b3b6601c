// A child process of bench/generate.ts: answers batch requests with built batches.
import { type BatchRequest, buildBatch, type WorkerInit } from './dataset-batch';

let init: WorkerInit | null = null;
process.on('message', (msg: { init?: WorkerInit; request?: BatchRequest; stop?: true }) => {
  if (msg.init) init = msg.init;
  else if (msg.request && init) process.send!(buildBatch(init, msg.request));
  else if (msg.stop) process.exit(0);
});
