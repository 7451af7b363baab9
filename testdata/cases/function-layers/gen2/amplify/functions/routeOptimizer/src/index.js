const { logger } = require('../../../layers/sharedutils/powertools');
const { round } = require('../../../layers/sharedutils/nodejs/utils');
const config = require('../../../layers/sharedutils/config.json');
const sortBy = require('lodash/sortBy');

export const handler = async (event) => {
  const stops = sortBy(event.stops ?? [], 'eta').slice(0, config.maxStops);
  logger.info('optimized', stops.length);
  return stops.map((s) => ({ ...s, eta: round(s.eta) }));
};
