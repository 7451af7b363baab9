package model

import (
	"sort"
	"strconv"
	"strings"
)

// Category names as Gen 1 writes them in backend-config.json.
const (
	CategoryAuth          = "auth"
	CategoryAPI           = "api"
	CategoryStorage       = "storage"
	CategoryFunction      = "function"
	CategoryCustom        = "custom"
	CategoryAnalytics     = "analytics"
	CategoryGeo           = "geo"
	CategoryPredictions   = "predictions"
	CategoryInteractions  = "interactions"
	CategoryNotifications = "notifications"
	CategoryHosting       = "hosting"
)

// Project is a whole Gen 1 Amplify project as read from its files.
type Project struct {
	// Root is the absolute path of the folder that holds amplify/.
	Root string
	// AmplifyDir is the Gen 1 folder relative to Root ("amplify").
	AmplifyDir string
	// Name is projectName from .config/project-config.json.
	Name string
	// Frontend is the frontend kind from project-config.json (javascript, ios, android, flutter).
	Frontend string
	// Framework is the JavaScript framework when Frontend is javascript (react, vue, none, ...).
	Framework string

	// Env is the selected Gen 1 environment ("" when none could be chosen);
	// Envs are all environments found in team-provider-info.json, sorted.
	Env  string
	Envs []string
	// Deployment holds the root stack's settings for Env (team-provider-info
	// awscloudformation, overlaid by amplify-meta providers).
	Deployment Deployment

	// Flags are the cli.json feature flags (overlaid by cli.<env>.json).
	Flags Flags
	// Tags are the stack tags of backend/tags.json, in file order.
	Tags []Tag
	// HasMeta reports whether backend/amplify-meta.json was present: without
	// it deployed IDs (API ids, pool ids) are unknown.
	HasMeta bool

	// Resources are every resource named in backend-config.json, sorted by
	// category and name.
	Resources []*Resource
	// RootOverride is backend/awscloudformation/override.ts, when present.
	RootOverride *SourceFile
	// Hooks are the files of amplify/hooks other than samples and the README.
	Hooks []SourceFile
	// FrontendBuild is the frontend build configuration of
	// project-config.json (javascript.config).
	FrontendBuild FrontendBuild
	// BuildSpec is the amplify.yml at the project root, when there is one.
	BuildSpec *SourceFile
}

// Deployment is where a Gen 1 environment lives in AWS.
type Deployment struct {
	Region           string
	AppID            string
	StackName        string
	DeploymentBucket string
	AuthRoleArn      string
	UnauthRoleArn    string
	AuthRoleName     string
	UnauthRoleName   string
}

// Tag is one stack tag.
type Tag struct {
	Key   string
	Value string
	Pos   Pos
}

// Flags holds cli.json feature flags by section and lower-case key, with
// values kept as written ("true", "2").
type Flags map[string]map[string]string

// Bool returns the flag as a boolean, or def when it is not set.
func (f Flags) Bool(section, key string, def bool) bool {
	v, ok := f[section][strings.ToLower(key)]
	if !ok {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return def
	}
	return b
}

// Int returns the flag as an integer, or def when it is not set.
func (f Flags) Int(section, key string, def int) int {
	v, ok := f[section][strings.ToLower(key)]
	if !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return def
	}
	return n
}

// Has reports whether the flag is set.
func (f Flags) Has(section, key string) bool {
	_, ok := f[section][strings.ToLower(key)]
	return ok
}

// Resource is one entry of backend-config.json with what was read for it.
// Exactly one of the service-specific fields is set when the service is known
// and its files could be read; otherwise Other describes what is there.
type Resource struct {
	Category string
	Name     string
	Service  string
	// Imported is true for serviceType "imported" (auth, S3, DynamoDB).
	Imported bool
	// DependsOn lists the resources this one uses, in file order.
	DependsOn []Dependency
	// Pos is the resource's entry in backend-config.json.
	Pos Pos
	// Dir is the resource folder relative to Project.Root (may not exist).
	Dir string
	// Outputs are the deployed outputs from amplify-meta.json (flattened to
	// strings; nested objects as JSON).
	Outputs map[string]string
	// EnvParams are the team-provider-info.json parameters of the selected
	// environment (categories.<category>.<name>), as strings.
	EnvParams map[string]string
	// Override is the resource's override.ts, when present.
	Override *SourceFile

	Auth           *Auth
	UserPoolGroups *UserPoolGroups
	Bucket         *Bucket
	Table          *Table
	Function       *Function
	Layer          *Layer
	GraphQL        *GraphQLAPI
	REST           *RestAPI
	Custom         *Custom
	Other          *OtherResource
}

// Ref names the resource.
func (r *Resource) Ref() ResourceRef { return ResourceRef{Category: r.Category, Name: r.Name} }

// Dependency is one dependsOn entry: another resource and the attributes used.
type Dependency struct {
	Category     string
	ResourceName string
	Attributes   []string
	// TriggerProvider is set for auth triggers ("Cognito").
	TriggerProvider string
	// Pos is the entry in backend-config.json.
	Pos Pos
}

// SourceFile is a user-written file carried into the conversion (override.ts,
// custom CDK stacks, hooks): its path relative to Project.Root and its text.
type SourceFile struct {
	Path    string
	Content string
}

// SortResources orders resources by category, then name.
func SortResources(rs []*Resource) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Category != rs[j].Category {
			return rs[i].Category < rs[j].Category
		}
		return rs[i].Name < rs[j].Name
	})
}

// Find returns the resource with the given category and name, or nil.
func (p *Project) Find(category, name string) *Resource {
	for _, r := range p.Resources {
		if r.Category == category && r.Name == name {
			return r
		}
	}
	return nil
}

// ByCategory returns the resources of one category, in order.
func (p *Project) ByCategory(category string) []*Resource {
	var out []*Resource
	for _, r := range p.Resources {
		if r.Category == category {
			out = append(out, r)
		}
	}
	return out
}

// ByService returns the resources of one category and service, in order.
func (p *Project) ByService(category, service string) []*Resource {
	var out []*Resource
	for _, r := range p.Resources {
		if r.Category == category && r.Service == service {
			out = append(out, r)
		}
	}
	return out
}
