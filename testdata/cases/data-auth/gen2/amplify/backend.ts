import { defineBackend } from '@aws-amplify/backend';
import { data } from './data/resource';

const backend = defineBackend({ data });

// Resources with no Gen 2 conversion
// TODO(amplify-migrate): auth/dataauthauth (service "Cognito") was not converted; recreate it with
// CDK in this file (backend.createStack('dataauthauth')) or remove it if it is no longer used. Its
// Gen 1 files are in amplify/backend/auth/dataauthauth.
// TODO(amplify-migrate): function/authorizer (service "Lambda") was not converted; recreate it with
// CDK in this file (backend.createStack('authorizer')) or remove it if it is no longer used. Its
// Gen 1 files are in amplify/backend/function/authorizer.
