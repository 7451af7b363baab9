import { defineBackend } from '@aws-amplify/backend';
import { auth } from './auth/resource';

const backend = defineBackend({ auth });

// Resources with no Gen 2 conversion
// TODO(amplify-migrate): function/refapp2b3c4d5ePreSignup (service "Lambda") was not converted;
// recreate it with CDK in this file (backend.createStack('refapp2b3c4d5ePreSignup')) or remove it
// if it is no longer used. Its Gen 1 files are in amplify/backend/function/refapp2b3c4d5ePreSignup.
