package readers

import (
	"io/fs"
	"path"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// resourceKeys are the keys the Amplify CLI writes in a backend-config.json
// resource entry. Others are reported so that a typo does not go unnoticed.
var resourceKeys = []string{
	"service", "serviceType", "providerPlugin", "dependsOn", "build", "output",
	"customAuth", "frontendAuthConfig", "authorizationType", "type",
	"accessType", "isDefault", "mapStyle", "dataProvider", "dataSourceIntendedUse",
	"channels", "convertType", "providerMetadata", "lastPushTimeStamp", "lastPushDirHash",
	"lastBuildTimeStamp", "lastPackageTimeStamp", "distZipFilename", "s3Bucket",
	"lastBuildType", "hostedUIProviderMeta", "mobileHubMigrated", "rdsInit",
	"rdsRegion", "rdsClusterIdentifier", "rdsSecretStoreArn", "rdsDatabaseName",
	"dependsOnResources", "apiName", "identifyType", "identifyDoc", "inferType",
	"interpretType", "resourceName", "serviceName", "functionRuntime", "runtimes",
	"layerVersionMap", "lastDevBuildTimeStamp", "testMode", "iamAccessUnavailable",
	"frontendAuthConfigs", "options", "region", "groupPermissions", "transform",
}

// needsFolder lists the services whose settings live in their resource
// folder; a missing folder is an error for them.
var needsFolder = map[string]bool{
	"auth/Cognito": true, "auth/Cognito-UserPool-Groups": true,
	"storage/S3": true, "storage/DynamoDB": true,
	"function/Lambda": true, "function/LambdaLayer": true,
	"api/AppSync": true, "api/API Gateway": true,
	"custom/customCDK": true, "custom/customCloudformation": true,
}

func (r *reader) readResources() {
	rel := r.rel("backend", "backend-config.json")
	d := r.loadJSON(rel, true, "")
	if d == nil {
		return
	}
	if !d.root.IsObject() {
		r.errorf(d.FilePos(), "restore the file from version control", "backend-config.json is not a JSON object")
		return
	}
	d.root.ForEach(func(catKey, cat gjson.Result) bool {
		category := catKey.String()
		if category == "parameters" {
			// AMPLIFY_<category>_<resource>_<param> bookkeeping; values live in
			// team-provider-info.json and are read per resource.
			return true
		}
		if !cat.IsObject() {
			r.errorf(d.Pos(cat, joinPath("", category)), `each category holds an object of resources, e.g. "function": {"myfn": {"service": "Lambda"}}; restore the file from version control`,
				"category %q is not an object, so its resources cannot be read", category)
			return true
		}
		if why := badName(category); why != "" {
			r.errorf(d.Pos(catKey, joinPath("", category)), "category names are folder names under amplify/backend/; restore the file from version control",
				"category name %q %s", category, why)
			return true
		}
		cat.ForEach(func(nameKey, entry gjson.Result) bool {
			name := nameKey.String()
			if why := badName(name); why != "" {
				r.errorf(d.Pos(nameKey, joinPath(joinPath("", category), name)), "resource names are folder names under amplify/backend/"+category+"/; rename the entry to match its folder",
					"resource name %q in category %q %s", name, category, why)
				return true
			}
			r.readResource(d, category, name, entry)
			return true
		})
		return true
	})
	model.SortResources(r.p.Resources)
}

func (r *reader) readResource(d *jsonDoc, category, name string, entry gjson.Result) {
	jp := joinPath(joinPath("", category), name)
	res := &model.Resource{Category: category, Name: name, Pos: d.Pos(entry, jp)}
	r.p.Resources = append(r.p.Resources, res)
	if !entry.IsObject() {
		r.errorf(res.Pos, "each resource is an object with at least a \"service\" key", "resource %s/%s is not a JSON object", category, name)
		res.Other = emptyOther()
		return
	}
	res.Service = entry.Get("service").String()
	if res.Service == "" {
		r.warnf(res.Pos, "add the \"service\" key (for example \"Lambda\" or \"S3\") or remove the entry", "resource %s/%s has no service", category, name)
	}
	res.Imported = entry.Get("serviceType").String() == "imported"
	r.diags = append(r.diags, d.unknownKeys(jp, resourceKeys, "a backend-config.json resource")...)
	r.readDependsOn(d, res, jp, entry.Get("dependsOn"))
	res.Outputs = r.metaOutputs(category, name)
	res.EnvParams = r.envParams(category, name)

	res.Dir = r.rel("backend", category, name)
	if !r.isDir(res.Dir) {
		if alt := r.caseInsensitiveDir(r.rel("backend", category), name); alt != "" {
			r.warnf(res.Pos, "rename the folder to match backend-config.json; it only worked on a case-insensitive file system",
				"resource folder %s differs in case from the name %q", alt, name)
			res.Dir = alt
		} else if needsFolder[category+"/"+res.Service] && !res.Imported {
			r.errorf(res.Pos, "restore "+res.Dir+" from version control, or remove the resource with `amplify remove "+category+"`",
				"backend-config.json names %s/%s but its folder %s is missing", category, name, res.Dir)
			res.Other = emptyOther()
			return
		}
	}
	if data, ok := r.readFile(path.Join(res.Dir, "override.ts")); ok {
		res.Override = &model.SourceFile{Path: path.Join(res.Dir, "override.ts"), Content: string(data)}
	}

	switch category + "/" + res.Service {
	case "auth/Cognito":
		r.readAuth(res, d, jp, entry)
	case "auth/Cognito-UserPool-Groups":
		r.readUserPoolGroups(res)
	case "storage/S3":
		r.readBucket(res)
	case "storage/DynamoDB":
		r.readTable(res)
	case "function/Lambda":
		r.readFunction(res)
	case "function/LambdaLayer":
		r.readLayer(res)
	case "api/AppSync":
		r.readGraphQL(res, d, jp, entry)
	case "api/API Gateway":
		r.readREST(res, entry)
	case "custom/customCDK", "custom/customCloudformation":
		r.readCustom(res)
	default:
		r.readOther(res, d, jp, entry)
	}
}

// emptyOther describes a resource whose settings could not be read.
func emptyOther() *model.OtherResource {
	return &model.OtherResource{Parameters: map[string]string{}, Positions: map[string]model.Pos{}}
}

// badName says why a category or resource name cannot be a folder name, or
// returns "". Names become paths, so they must not climb out of the project.
func badName(s string) string {
	switch {
	case s == "":
		return "is empty"
	case s == "." || s == "..":
		return "is not a folder name"
	case strings.ContainsAny(s, "/\\\x00"):
		return "contains a path separator"
	}
	return ""
}

func (r *reader) caseInsensitiveDir(parent, name string) string {
	entries, err := fs.ReadDir(r.fsys, parent)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		if e.IsDir() && strings.EqualFold(e.Name(), name) {
			return path.Join(parent, e.Name())
		}
	}
	return ""
}

func (r *reader) readDependsOn(d *jsonDoc, res *model.Resource, jp string, deps gjson.Result) {
	if !deps.Exists() {
		return
	}
	if !deps.IsArray() {
		r.warnf(d.Pos(deps, jp+".dependsOn"), "dependsOn is a list of {category, resourceName, attributes}", "dependsOn is not a list and is ignored")
		return
	}
	for i, dep := range deps.Array() {
		dp := indexPath(jp+".dependsOn", i)
		x := model.Dependency{
			Category:        dep.Get("category").String(),
			ResourceName:    dep.Get("resourceName").String(),
			Attributes:      asStringList(dep.Get("attributes")),
			TriggerProvider: dep.Get("triggerProvider").String(),
			Pos:             d.Pos(dep, dp),
		}
		if x.Category == "" || x.ResourceName == "" {
			r.warnf(d.Pos(dep, dp), "each dependsOn entry names a category and a resourceName", "incomplete dependsOn entry is ignored")
			continue
		}
		res.DependsOn = append(res.DependsOn, x)
	}
}

// metaOutputs returns a resource's deployed outputs from amplify-meta.json.
func (r *reader) metaOutputs(category, name string) map[string]string {
	if r.meta == nil {
		return nil
	}
	out := r.meta.root.Get(joinPath(joinPath(joinPath("", category), name), "output"))
	if !out.IsObject() {
		return nil
	}
	return flatten(out)
}

// envParams returns the selected environment's parameters for a resource
// from team-provider-info.json.
func (r *reader) envParams(category, name string) map[string]string {
	if r.tpi == nil || r.p.Env == "" {
		return nil
	}
	v := r.tpi.root.Get(joinPath(joinPath(joinPath(r.p.Env, "categories"), category), name))
	if !v.IsObject() {
		return nil
	}
	return flatten(v)
}
