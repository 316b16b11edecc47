export { enqueue, enqueueMany, type OutboxMessage, type OutboxWriter } from "./enqueue";
export {
  claimProcessBatch,
  retryDelayMs,
  type ClaimedOutboxEvent,
  type OutboxBatchResult,
  type OutboxHandler,
  type OutboxHandlerContext,
  type OutboxHandlers,
  type ProcessBatchResult,
} from "./processor";
export { mergeOutboxHandlers } from "./merge-handlers";
export { runOutboxWorker, type OutboxWorkerOptions } from "./worker";
