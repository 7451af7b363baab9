import { defineStorage } from '@aws-amplify/backend';

export const storage = defineStorage({
  name: 'recipeimages',
  keepOnDelete: true,
  access: (allow) => ({
    'public/*': [allow.authenticated.to(['read', 'write', 'delete'])],
    'protected/{entity_id}/*': [
      allow.authenticated.to(['read']),
      allow.entity('identity').to(['get', 'write', 'delete']),
    ],
    'private/{entity_id}/*': [allow.entity('identity').to(['read', 'write', 'delete'])],
    'uploads/*': [allow.authenticated.to(['write'])],
  }),
});
