export { outboxTablesSql } from './tables';
export { enqueue } from './enqueue';
export { startOutbox, type OutboxDeliverer, type OutboxOptions } from './deliverer';
