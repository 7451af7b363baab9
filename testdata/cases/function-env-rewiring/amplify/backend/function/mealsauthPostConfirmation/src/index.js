const moduleNames = process.env.MODULES.split(',');
const modules = moduleNames.map((name) => require(`./${name}`));
exports.handler = async (event, context) => {
  for (const m of modules) {
    await m.handler(event, context);
  }
  return event;
};
