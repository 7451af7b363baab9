package writers

import (
	"sort"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// bookkeeping lists settings with no meaning in Gen 2 (names of Gen 1 IAM
// policies and roles, CLI identifiers), per file kind, with why.
var bookkeeping = map[string]string{
	"resourceName":      "CLI bookkeeping (the resource's name)",
	"policyUUID":        "CLI bookkeeping (names of the Gen 1 IAM policies)",
	"authPolicyName":    "name of a Gen 1 IAM policy",
	"unauthPolicyName":  "name of a Gen 1 IAM policy",
	"s3PublicPolicy":    "name of a Gen 1 IAM policy",
	"s3PrivatePolicy":   "name of a Gen 1 IAM policy",
	"s3ProtectedPolicy": "name of a Gen 1 IAM policy",
	"s3UploadsPolicy":   "name of a Gen 1 IAM policy",
	"s3ReadPolicy":      "name of a Gen 1 IAM policy",
	"authRoleName":      "the Gen 1 identity pool role; Gen 2 uses its own",
	"unauthRoleName":    "the Gen 1 identity pool role; Gen 2 uses its own",
	"serviceType":       "CLI bookkeeping (imported resource marker)",
	"version":           "CLI bookkeeping (file format version)",
	"apiName":           "the Gen 1 API name (kept as the key the frontend uses)",
	"functionArns":      "CLI bookkeeping (functions the paths call)",
	"dependsOn":         "CLI bookkeeping (copy of backend-config.json dependsOn)",
	"uuid":              "CLI bookkeeping (suffix of the Gen 1 deployment id)",
	"privacy":           "CLI bookkeeping (summary of the paths' permissions)",
	"authResourceName":  "CLI bookkeeping (the auth resource the groups belong to)",
}

// settingsFindings reports the settings of a settings file that the typed
// findings do not cover, so that analyze lists every setting read.
func (g *gen) settingsFindings(r *model.Resource, code string, settings map[string]string, pos map[string]model.Pos, covered ...string) {
	done := map[string]bool{}
	for _, c := range covered {
		done[c] = true
	}
	var keys []string
	for k := range settings {
		if !done[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		reason, ok := bookkeeping[k]
		if !ok {
			// Unknown keys were reported by the reader; record them so the
			// report shows they were not converted.
			g.finding(r, model.Finding{Code: code, Level: model.Manual, Subject: k, Pos: pos[k],
				Reason: "setting not known to the converter", Action: "check what it did in Gen 1 and port it by hand"})
			continue
		}
		g.finding(r, model.Finding{Code: code, Level: model.Drop, Subject: k, Pos: pos[k], Reason: reason})
	}
}
