import { defineStorage } from '@aws-amplify/backend';
import { s3Trigger1ef46783 } from '../functions/S3Trigger1ef46783/resource';

export const storage = defineStorage({
  name: 'mediavault',
  keepOnDelete: true,
  access: (allow) => ({
    'public/*': [
      allow.guest.to(['read']),
      allow.authenticated.to(['read', 'write', 'delete']),
      allow.groups(['Admin']).to(['read', 'write', 'delete']),
      allow.groups(['Basic']).to(['read']),
      allow.resource(s3Trigger1ef46783).to(['read', 'write', 'delete']),
    ],
    'protected/{entity_id}/*': [
      allow.guest.to(['read']),
      allow.authenticated.to(['read']),
      allow.entity('identity').to(['get', 'write', 'delete']),
      allow.groups(['Admin']).to(['read', 'write', 'delete']),
      allow.groups(['Basic']).to(['read']),
      allow.resource(s3Trigger1ef46783).to(['read', 'write', 'delete']),
    ],
    'private/{entity_id}/*': [
      allow.entity('identity').to(['read', 'write', 'delete']),
      allow.groups(['Admin']).to(['read', 'write', 'delete']),
      allow.groups(['Basic']).to(['read']),
      allow.resource(s3Trigger1ef46783).to(['read', 'write', 'delete']),
    ],
    'uploads/*': [
      allow.authenticated.to(['write']),
      allow.groups(['Admin']).to(['read', 'write', 'delete']),
      allow.groups(['Basic']).to(['read']),
      allow.resource(s3Trigger1ef46783).to(['read', 'write', 'delete']),
    ],
  }),
  triggers: { onUpload: s3Trigger1ef46783, onDelete: s3Trigger1ef46783 },
});
