const { add } = require('/opt/nodejs/math');
const { format } = require('/opt/format');
const sum = require('lodash/sum');

exports.handler = async (event) => format(add(sum(event.values ?? []), 1));
