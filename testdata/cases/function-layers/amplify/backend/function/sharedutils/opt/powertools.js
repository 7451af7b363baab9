exports.logger = { info: (...args) => console.log(...args) };
