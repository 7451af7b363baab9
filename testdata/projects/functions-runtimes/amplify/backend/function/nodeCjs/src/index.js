const { greet } = require('./lib/greet');
const upperFirst = require('lodash/upperFirst');

exports.handler = async (event) => {
  return { message: upperFirst(greet(process.env.GREETING, event.name)), env: process.env.ENV };
};
