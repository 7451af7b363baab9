import { randomUUID } from 'node:crypto';

export const generate = async (event) => {
  const id = randomUUID();
  const renderer = await import(`./renderers/${event.format ?? 'csv'}.mjs`);
  return { id, body: renderer.render(event.rows ?? []) };
};
