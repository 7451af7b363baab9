// amplify-migrate: Gen 1 called the export "generate" of app.mjs; Gen 2 calls "handler".
export { generate as handler } from './src/app.mjs';
