import { defineStorage } from '@aws-amplify/backend';

export const storage = defineStorage({
  name: 'documents',
  isDefault: true,
  keepOnDelete: true,
  access: (allow) => ({
    // TODO(amplify-migrate): Gen 1 also granted allow.authenticated.to(['read', 'write']) on
    // 'public/*', which needs what MIGRATION.md lists for these grants (storage.access) before it
    // can be written.
    // TODO(amplify-migrate): Gen 1 also granted allow.authenticated.to(['read']),
    // allow.entity('identity').to(['get', 'write']) on 'protected/{entity_id}/*', which needs what
    // MIGRATION.md lists for these grants (storage.access) before it can be written.
    // TODO(amplify-migrate): Gen 1 also granted allow.entity('identity').to(['read', 'write']) on
    // 'private/{entity_id}/*', which needs what MIGRATION.md lists for these grants
    // (storage.access) before it can be written.
    // TODO(amplify-migrate): Gen 1 also granted allow.authenticated.to(['write']) on 'uploads/*',
    // which needs what MIGRATION.md lists for these grants (storage.access) before it can be
    // written.
  }),
});

export const exportsStorage = defineStorage({
  name: 'exports',
  keepOnDelete: true,
  access: (allow) => ({
    // TODO(amplify-migrate): Gen 1 also granted allow.guest.to(['read']),
    // allow.authenticated.to(['read', 'delete']) on 'public/*', which needs what MIGRATION.md lists
    // for these grants (storage.access) before it can be written.
    // TODO(amplify-migrate): Gen 1 also granted allow.guest.to(['read']),
    // allow.authenticated.to(['read']), allow.entity('identity').to(['get', 'delete']) on
    // 'protected/{entity_id}/*', which needs what MIGRATION.md lists for these grants
    // (storage.access) before it can be written.
    // TODO(amplify-migrate): Gen 1 also granted allow.entity('identity').to(['read', 'delete']) on
    // 'private/{entity_id}/*', which needs what MIGRATION.md lists for these grants
    // (storage.access) before it can be written.
  }),
});
