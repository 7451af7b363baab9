import { defineStorage } from '@aws-amplify/backend';

export const storage = defineStorage({
  name: 'photos',
  versioned: true,
  keepOnDelete: true,
  access: (allow) => ({
    'public/*': [
      allow.guest.to(['read']),
      allow.authenticated.to(['read']),
      allow.groups(['Editors']).to(['read', 'write']),
    ],
    'protected/{entity_id}/*': [
      allow.guest.to(['read']),
      allow.authenticated.to(['read']),
      allow.entity('identity').to(['get', 'write', 'delete']),
      allow.groups(['Editors']).to(['read', 'write']),
    ],
    'private/{entity_id}/*': [
      allow.entity('identity').to(['read', 'write', 'delete']),
      allow.groups(['Editors']).to(['read', 'write']),
    ],
    'uploads/*': [
      allow.authenticated.to(['write']),
      allow.groups(['Editors']).to(['read', 'write']),
    ],
    'shared/*': [
      allow.authenticated.to(['get', 'write']),
      allow.groups(['Editors']).to(['read', 'write']),
    ],
  }),
});
