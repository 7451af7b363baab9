import { Construct } from 'constructs';

// The Gen 1 outputs of the resources this stack depends on (its dependsOn in backend-config.json),
// passed in by amplify/backend.ts.
export type AmplifyDependentResourcesAttributes = Record<string, never>;

// TODO(amplify-migrate): amplify/backend/custom/scratchpad/cdk-stack.ts has no class extending
// cdk.Stack, so there was nothing to port. Port its resources into this construct (its stack is
// backend.createStack('scratchpad'); amplifyResources holds the values of its dependencies). The
// Gen 1 file follows.
// // placeholder: the stack was never written
export class cdkStack extends Construct {
  constructor(scope: Construct, id: string, amplifyResources: AmplifyDependentResourcesAttributes) {
    super(scope, id);
    void amplifyResources;
  }
}
