import { defineBackend } from '@aws-amplify/backend';
import { shopauth1a2b3c4dPreSignup } from './functions/shopauth1a2b3c4dPreSignup/resource';

const backend = defineBackend({ shopauth1a2b3c4dPreSignup });

// Resources with no Gen 2 conversion
// TODO(amplify-migrate): auth/shopauth1a2b3c4d (service "Cognito") was not converted; recreate it
// with CDK in this file (backend.createStack('shopauth1a2b3c4d')) or remove it if it is no longer
// used. Its Gen 1 files are in amplify/backend/auth/shopauth1a2b3c4d.
