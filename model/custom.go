package model

// Custom is a custom resource: a CDK stack (service "customCDK") or a
// CloudFormation template (service "customCloudformation").
//
// Owned by the custom-resource conversion; extend it with every setting Gen 2 needs.
type Custom struct {
	// Stack is cdk-stack.ts for CDK resources; Template is the
	// CloudFormation template for CloudFormation ones.
	Stack    *SourceFile
	Template string
}
