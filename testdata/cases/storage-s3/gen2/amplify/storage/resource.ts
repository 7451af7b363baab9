import { defineStorage } from '@aws-amplify/backend';

export const storage = defineStorage({
  name: 'mediavault',
  keepOnDelete: true,
  access: (allow) => ({
    // TODO(amplify-migrate): Gen 1 also granted allow.resource(S3Trigger1ef46783).to(['read',
    // 'write', 'delete']), allow.resource(thumbnailer).to(['read', 'write']) on 'public/*', which
    // needs what MIGRATION.md lists for these grants (storage.access) before it can be written.
    'public/*': [
      allow.guest.to(['read']),
      allow.authenticated.to(['read', 'write', 'delete']),
      allow.groups(['Admin']).to(['read', 'write', 'delete']),
      allow.groups(['Basic']).to(['read']),
    ],
    // TODO(amplify-migrate): Gen 1 also granted allow.resource(S3Trigger1ef46783).to(['read',
    // 'write', 'delete']), allow.resource(thumbnailer).to(['read', 'write']) on
    // 'protected/{entity_id}/*', which needs what MIGRATION.md lists for these grants
    // (storage.access) before it can be written.
    'protected/{entity_id}/*': [
      allow.guest.to(['read']),
      allow.authenticated.to(['read']),
      allow.entity('identity').to(['get', 'write', 'delete']),
      allow.groups(['Admin']).to(['read', 'write', 'delete']),
      allow.groups(['Basic']).to(['read']),
    ],
    // TODO(amplify-migrate): Gen 1 also granted allow.resource(S3Trigger1ef46783).to(['read',
    // 'write', 'delete']), allow.resource(thumbnailer).to(['read', 'write']) on
    // 'private/{entity_id}/*', which needs what MIGRATION.md lists for these grants
    // (storage.access) before it can be written.
    'private/{entity_id}/*': [
      allow.entity('identity').to(['read', 'write', 'delete']),
      allow.groups(['Admin']).to(['read', 'write', 'delete']),
      allow.groups(['Basic']).to(['read']),
    ],
    // TODO(amplify-migrate): Gen 1 also granted allow.resource(S3Trigger1ef46783).to(['read',
    // 'write', 'delete']), allow.resource(thumbnailer).to(['read', 'write']) on 'uploads/*', which
    // needs what MIGRATION.md lists for these grants (storage.access) before it can be written.
    'uploads/*': [
      allow.authenticated.to(['write']),
      allow.groups(['Admin']).to(['read', 'write', 'delete']),
      allow.groups(['Basic']).to(['read']),
    ],
  }),
});
