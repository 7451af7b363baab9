import { defineBackend } from '@aws-amplify/backend';
import { auth } from './auth/resource';

const backend = defineBackend({ auth });

// Auth: settings defineAuth cannot express, pinned to their Gen 1 values.
const { cfnIdentityPool } = backend.auth.resources.cfnResources;
// Guest (unauthenticated) access is on, as in Gen 1.
cfnIdentityPool.allowUnauthenticatedIdentities = true;
// Identity-pool federation (Gen 1 thirdPartyAuth): users sign in to the identity pool directly with
// these providers. App IDs are public identifiers, taken from the Gen 1 environment.
// TODO(amplify-migrate): Gen 1 federated the identity pool with graph.facebook.com but its app ID
// is not in the project files; add `'graph.facebook.com': '<app id>'` here.
cfnIdentityPool.supportedLoginProviders = {};
