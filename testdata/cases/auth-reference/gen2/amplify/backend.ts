import { defineBackend } from '@aws-amplify/backend';
import { auth } from './auth/resource';
import { refapp2b3c4d5ePreSignup } from './functions/refapp2b3c4d5ePreSignup/resource';

const backend = defineBackend({ auth, refapp2b3c4d5ePreSignup });
