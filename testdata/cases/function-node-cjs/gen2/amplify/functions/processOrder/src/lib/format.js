// Formats an order for the topic.
module.exports.formatOrder = (order, now) => ({
  ...order,
  receivedAt: now.toISOString(),
});
