import { defineBackend } from '@aws-amplify/backend';
import { auth } from './auth/resource';

const backend = defineBackend({ auth });

// Resources with no Gen 2 conversion
// TODO(amplify-migrate): function/userAdmin (service "Lambda") was not converted; recreate it with
// CDK in this file (backend.createStack('userAdmin')) or remove it if it is no longer used. Its Gen
// 1 files are in amplify/backend/function/userAdmin.
