// A subscription resolver that only forwards the mutation's result:
// Gen 1's @aws_subscribe subscriptions had no resolver of their own.
export function request() {
  return {};
}

export function response(ctx) {
  return ctx.result;
}
