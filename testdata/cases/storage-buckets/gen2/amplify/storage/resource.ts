import { defineStorage } from '@aws-amplify/backend';

export const storage = defineStorage({
  name: 'documents',
  isDefault: true,
  keepOnDelete: true,
  access: (allow) => ({
    'public/*': [allow.authenticated.to(['read', 'write'])],
    'protected/{entity_id}/*': [
      allow.authenticated.to(['read']),
      allow.entity('identity').to(['get', 'write']),
    ],
    'private/{entity_id}/*': [allow.entity('identity').to(['read', 'write'])],
    'uploads/*': [allow.authenticated.to(['write'])],
  }),
});

export const exportsStorage = defineStorage({
  name: 'exports',
  keepOnDelete: true,
  access: (allow) => ({
    'public/*': [allow.guest.to(['read']), allow.authenticated.to(['read', 'delete'])],
    'protected/{entity_id}/*': [
      allow.guest.to(['read']),
      allow.authenticated.to(['read']),
      allow.entity('identity').to(['get', 'delete']),
    ],
    'private/{entity_id}/*': [allow.entity('identity').to(['read', 'delete'])],
  }),
});
