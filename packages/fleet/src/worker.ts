import { parentPort } from 'worker_threads';
import { FleetJob, runBatch } from './jobs';

/** A worker thread of the fleet: runs the batches of apps it is sent, one at a time, and answers with their results. */
parentPort!.on('message', (batch: FleetJob[]) => parentPort!.postMessage(runBatch(batch)));
