// amplify-migrate: esbuild bundles only require() calls with a fixed module
// name, so the trigger modules that MODULES may name are required here.
const triggerModules = {
  'custom': require('./custom'),
};
const requireTriggerModule = (name) => {
  const module = triggerModules[name.replace(/^.*\//, '').replace(/\.js$/, '')];
  if (!module) {
    throw new Error(`Unknown trigger module ${name}`);
  }
  return module;
};

const moduleNames = process.env.MODULES.split(',');
const modules = moduleNames.map((name) => requireTriggerModule(`./${name}`));
export const handler = async (event, context) => {
  for (const m of modules) {
    await m.handler(event, context);
  }
  return event;
};
