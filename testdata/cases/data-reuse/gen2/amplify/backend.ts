import { defineBackend } from '@aws-amplify/backend';
import { data } from './data/resource';

const backend = defineBackend({ data });

// Resources with no Gen 2 conversion
// TODO(amplify-migrate): auth/datareuseauth (service "Cognito") was not converted; recreate it with
// CDK in this file (backend.createStack('datareuseauth')) or remove it if it is no longer used. Its
// Gen 1 files are in amplify/backend/auth/datareuseauth.
// TODO(amplify-migrate): function/enrich (service "Lambda") was not converted; recreate it with CDK
// in this file (backend.createStack('enrich')) or remove it if it is no longer used. Its Gen 1
// files are in amplify/backend/function/enrich.
