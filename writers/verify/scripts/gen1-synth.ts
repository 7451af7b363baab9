// gen1-synth synthesizes a GraphQL API the way Amplify Gen 1 built it: the
// schema goes through AmplifyGraphqlApi (the transformer Gen 1's CLI ran)
// with the API's auth modes, the project's cli.json transformer flags as
// translationBehavior and its parameters.json table settings, and
// app.synth() writes the cloud assembly. No AWS account is used.
//
// Usage: tsx gen1-synth.ts <config.json> <outdir>
// The config is written by the Go harness (writers/verify/gen1.go), which
// documents every field and the few places where this deliberately departs
// from the CLI (Gen1SynthSettings in parity.go).
import { readFileSync } from 'node:fs';
import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AmplifyAuth } from '@aws-amplify/auth-construct';
import {
  AmplifyGraphqlApi,
  AmplifyGraphqlDefinition,
  type AuthorizationModes,
  type ConflictResolutionStrategy,
  type DataStoreConfiguration,
} from '@aws-amplify/graphql-api-construct';

type AuthMode = {
  type: 'API_KEY' | 'AMAZON_COGNITO_USER_POOLS' | 'AWS_IAM' | 'OPENID_CONNECT' | 'AWS_LAMBDA';
  apiKeyExpiresInDays?: number;
  apiKeyDescription?: string;
  oidcProviderName?: string;
  oidcIssuerUrl?: string;
  oidcClientId?: string;
  oidcAuthTTLMillis?: number;
  oidcIatTTLMillis?: number;
  lambdaFunctionName?: string;
  lambdaTTLSeconds?: number;
};

type Strategy = {
  handlerType: 'AUTOMERGE' | 'OPTIMISTIC_CONCURRENCY' | 'LAMBDA';
  detectionType: 'VERSION' | 'NONE';
  lambdaFunctionName?: string;
};

type Config = {
  name: string;
  schema: string;
  authModes: AuthMode[];
  auth: boolean;
  userPoolGroups: string[] | null;
  enableIamAuthorizationMode: boolean;
  translationBehavior: Record<string, boolean>;
  tableParameters: Record<string, string>;
  conflictResolution?: { project?: Strategy; models?: Record<string, Strategy> };
};

const [configPath, outdir] = process.argv.slice(2);
if (!configPath || !outdir) {
  console.error('usage: gen1-synth.ts <config.json> <outdir>');
  process.exit(2);
}
const config: Config = JSON.parse(readFileSync(configPath, 'utf8'));

const app = new App({ outdir });
const stack = new Stack(app, 'gen1');

// A stand-in Lambda for the API's authorizer or conflict handler: the API
// only refers to it.
const functions = new Map<string, LambdaFunction>();
const lambda = (name: string): LambdaFunction => {
  let fn = functions.get(name);
  if (!fn) {
    fn = new LambdaFunction(stack, `fn-${name}`, {
      functionName: name,
      runtime: Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => ({});'),
    });
    functions.set(name, fn);
  }
  return fn;
};

// The user pool, identity pool and its roles come from the construct Gen 2's
// defineAuth uses, so what the API refers to is built the same way on both
// sides.
const auth = config.auth
  ? new AmplifyAuth(stack, 'auth', { loginWith: { email: true }, groups: config.userPoolGroups ?? [] })
  : undefined;

const modes: Record<string, unknown> = {};
for (const [i, m] of config.authModes.entries()) {
  if (i === 0) {
    modes.defaultAuthorizationMode = m.type;
  }
  switch (m.type) {
    case 'API_KEY':
      modes.apiKeyConfig = {
        expires: Duration.days(m.apiKeyExpiresInDays ?? 7),
        description: m.apiKeyDescription || undefined,
      };
      break;
    case 'AMAZON_COGNITO_USER_POOLS':
      if (!auth) throw new Error('AMAZON_COGNITO_USER_POOLS needs auth');
      modes.userPoolConfig = { userPool: auth.resources.userPool };
      break;
    case 'AWS_IAM':
      // IAM access comes from iamConfig and identityPoolConfig below.
      break;
    case 'OPENID_CONNECT':
      modes.oidcConfig = {
        oidcProviderName: m.oidcProviderName ?? '',
        oidcIssuerUrl: m.oidcIssuerUrl ?? '',
        clientId: m.oidcClientId || undefined,
        tokenExpiryFromAuth: Duration.millis(m.oidcAuthTTLMillis ?? 0),
        tokenExpiryFromIssue: Duration.millis(m.oidcIatTTLMillis ?? 0),
      };
      break;
    case 'AWS_LAMBDA':
      modes.lambdaConfig = {
        function: lambda(m.lambdaFunctionName || 'authorizer'),
        ttl: Duration.seconds(m.lambdaTTLSeconds ?? 0),
      };
      break;
    default:
      throw new Error(`unknown auth mode ${(m as AuthMode).type}`);
  }
}
if (auth) {
  modes.identityPoolConfig = {
    identityPoolId: auth.resources.identityPoolId,
    authenticatedUserRole: auth.resources.authenticatedUserIamRole,
    unauthenticatedUserRole: auth.resources.unauthenticatedUserIamRole,
  };
}
if (config.enableIamAuthorizationMode) {
  modes.iamConfig = { enableIamAuthorizationMode: true };
}

const strategy = (s: Strategy): ConflictResolutionStrategy =>
  s.handlerType === 'LAMBDA'
    ? { detectionType: s.detectionType, handlerType: 'LAMBDA', conflictHandler: lambda(s.lambdaFunctionName || 'conflictHandler') }
    : ({ detectionType: s.detectionType, handlerType: s.handlerType } as ConflictResolutionStrategy);
let dataStoreConfiguration: DataStoreConfiguration | undefined;
if (config.conflictResolution) {
  const models: Record<string, ConflictResolutionStrategy> = {};
  for (const [name, s] of Object.entries(config.conflictResolution.models ?? {})) {
    models[name] = strategy(s);
  }
  dataStoreConfiguration = {
    project: config.conflictResolution.project ? strategy(config.conflictResolution.project) : undefined,
    models: Object.keys(models).length ? models : undefined,
  };
}

new AmplifyGraphqlApi(stack, 'GraphQLAPI', {
  apiName: config.name,
  definition: AmplifyGraphqlDefinition.fromString(config.schema),
  authorizationModes: modes as AuthorizationModes,
  translationBehavior: config.translationBehavior,
  dataStoreConfiguration,
  predictionsBucket: config.schema.includes('@predictions') ? new Bucket(stack, 'PredictionsBucket') : undefined,
});

// parameters.json values: Gen 1 passed them to the API stack, which hands
// them to every model stack; here they become the parameters' defaults.
for (const c of app.node.findAll()) {
  if (c instanceof CfnParameter && c.node.id in config.tableParameters) {
    c.default = config.tableParameters[c.node.id];
  }
}

app.synth();
