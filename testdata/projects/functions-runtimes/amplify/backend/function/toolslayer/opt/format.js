exports.format = (n) => `#${n}`;
