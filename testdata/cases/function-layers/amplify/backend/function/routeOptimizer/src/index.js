const { logger } = require('/opt/powertools');
const { round } = require('/opt/nodejs/utils');
const config = require('/opt/config.json');
const sortBy = require('lodash/sortBy');

exports.handler = async (event) => {
  const stops = sortBy(event.stops ?? [], 'eta').slice(0, config.maxStops);
  logger.info('optimized', stops.length);
  return stops.map((s) => ({ ...s, eta: round(s.eta) }));
};
