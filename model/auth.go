package model

// Auth is a Cognito resource (service "Cognito"): a user pool and usually an
// identity pool. Settings come from cli-inputs.json (cognitoConfig) or, in
// older projects, parameters.json; each keeps its position in Positions.
//
// Owned by the auth conversion; extend it with every setting Gen 2 needs.
type Auth struct {
	// Source is the file the settings were read from.
	Source string
	// Imported auth keeps only the IDs of the existing pools.
	ImportedIDs map[string]string
	// Settings holds the raw cognitoConfig values, flattened to strings, so
	// that nothing read is lost even before a typed field exists for it.
	Settings map[string]string
	// Positions maps a setting key to where it was read.
	Positions map[string]Pos
}

// UserPoolGroups is the Cognito-UserPool-Groups resource: the groups of the
// project's user pool with their Gen 1 precedence.
type UserPoolGroups struct {
	Groups []UserPoolGroup
	// Source is user-pool-group-precedence.json.
	Source string
}

// UserPoolGroup is one Cognito group.
type UserPoolGroup struct {
	Name string
	// Precedence is the Gen 1 precedence; HasPrecedence is false when the
	// file left it out.
	Precedence    int
	HasPrecedence bool
	// CustomPolicies are IAM statements attached to the group's role
	// (customPolicies in the precedence file), as JSON.
	CustomPolicies []string
	Pos            Pos
}
