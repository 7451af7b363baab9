// Package datamove copies the DynamoDB model tables of one AppSync API (a
// Gen 1 environment) into those of another (a Gen 2 backend), in the same or
// another account and region, without losing or corrupting an item.
//
// Items travel as raw types.AttributeValue maps from Scan to BatchWriteItem,
// so numbers, sets and binary keep their exact form. Each table is read with
// a parallel scan; a bounded pool of writers sends 25-item batches, retrying
// throttling, 5xx, dropped connections and UnprocessedItems with our own
// exponential backoff (the SDK's retry quota gives up under sustained
// throttling). An item that still cannot be written, or that transforms made
// invalid, goes to a dead-letter file with its reason: nothing is dropped
// silently. The progress of every scan segment is checkpointed atomically, and
// a segment's checkpoint only moves past a page once every item of that page
// is written or dead-lettered, so a killed copy resumes where it stopped.
//
// The package depends only on the narrow DynamoDB and AppSync interfaces
// below, which the SDK clients satisfy; tests put fault-injecting fakes and
// DynamoDB Local behind them.
package datamove
