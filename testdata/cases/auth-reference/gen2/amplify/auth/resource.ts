import { referenceAuth } from '@aws-amplify/backend';

// The Gen 1 user pool and identity pool of auth resource refapp2b3c4d5e, used as they are (--auth
// reference): users keep their accounts, passwords and sessions. The pools stay owned by the Gen 1
// stack.
export const auth = referenceAuth({
  userPoolId: 'us-east-1_ReFeReNcE',
  identityPoolId: 'us-east-1:11111111-2222-3333-4444-555555555555',
  userPoolClientId: 'webclient1234567890abcdefg',
  authRoleArn: 'arn:aws:iam::111122223333:role/amplify-refapp-main-12345-authRole',
  unauthRoleArn: 'arn:aws:iam::111122223333:role/amplify-refapp-main-12345-unauthRole',
  groups: {
    Admin: 'arn:aws:iam::111122223333:role/us-east-1_ReFeReNcE-AdminGroupRole',
    Staff: 'arn:aws:iam::111122223333:role/us-east-1_ReFeReNcE-StaffGroupRole',
  },
});
