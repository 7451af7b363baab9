package writers

import (
	"sort"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// Gen 2 storage access: defineStorage rules are per path ("public/*") and
// per actor (guest, authenticated, the identity's own folder, a group, a
// function), with the actions get, list, write and delete. Gen 1 granted
// IAM statements per role. planBucketAccess turns the one into the other
// so that each role ends up with the same effective permissions:
//
//   - keys Gen 2 can name become rules ("protected/${sub}/*" is the
//     identity's own folder of 'protected/{entity_id}/*'; "protected/*" is
//     the same path for everyone else, which Gen 2 grants as protected/*);
//   - ListBucket conditions ("public/", "public/*") become the list action of
//     the matching path;
//   - grants on the whole bucket (groups, functions) are repeated on every
//     path, and kept exactly as Gen 1 had them by an IAM policy in
//     backend.ts, since keys outside the Amplify prefixes stay reachable in
//     Gen 1;
//   - whatever else Gen 1 granted is kept by that same policy, never dropped.

// s3ActorKind orders actors in a path's rules.
type s3ActorKind int

const (
	actorGuest s3ActorKind = iota
	actorAuthenticated
	actorEntity
	actorGroup
	actorFunction
)

// s3Actor is who a Gen 2 rule is for.
type s3Actor struct {
	kind s3ActorKind
	name string // group or function resource name
}

// s3Rule is one Gen 2 access rule: an actor and its actions on a path.
type s3Rule struct {
	actor   s3Actor
	actions map[string]bool // get, list, write, delete
	// wholeBucket marks rules repeated from a grant on the whole bucket.
	wholeBucket bool
}

// s3Path is a Gen 2 access path with its rules.
type s3Path struct {
	path  string
	rules []*s3Rule
}

// s3Statement is an IAM statement kept as Gen 1 had it, for a role.
type s3Statement struct {
	actions []string
	// key is the object key pattern ("*"), or "" for the bucket itself.
	key      string
	prefixes []string
}

// bucketAccess is the plan for one bucket.
type bucketAccess struct {
	paths []*s3Path
	// kept are the Gen 1 statements kept as they were, per grantee, in the
	// order grantees first appear.
	kept      map[model.S3Grantee][]s3Statement
	keptOrder []model.S3Grantee
	// wholeBucket lists the grantees with grants on every key.
	wholeBucket map[model.S3Grantee]bool
}

// Standard Gen 2 paths for the Gen 1 prefixes.
const (
	pathPublic    = "public/*"
	pathProtected = "protected/{entity_id}/*"
	pathPrivate   = "private/{entity_id}/*"
	pathUploads   = "uploads/*"
)

// pathRank orders the standard paths first, in the Gen 1 order.
func pathRank(p string) int {
	switch p {
	case pathPublic:
		return 0
	case pathProtected:
		return 1
	case pathPrivate:
		return 2
	case pathUploads:
		return 3
	}
	return 4
}

// gen2Action maps an IAM action on objects to a Gen 2 action.
func gen2Action(a string) string {
	switch a {
	case "s3:GetObject":
		return "get"
	case "s3:PutObject":
		return "write"
	case "s3:DeleteObject":
		return "delete"
	}
	return ""
}

// planBucketAccess plans the access of a bucket. Grantees for which
// policyOnly is true get every grant as an IAM statement and no rule (see
// bucketPlan: functions outside the storage stack).
func planBucketAccess(grants []model.S3Grant, policyOnly func(model.S3Grantee) bool) *bucketAccess {
	ba := &bucketAccess{kept: map[model.S3Grantee][]s3Statement{}, wholeBucket: map[model.S3Grantee]bool{}}
	keep := func(who model.S3Grantee, st s3Statement) {
		if _, ok := ba.kept[who]; !ok {
			ba.keptOrder = append(ba.keptOrder, who)
		}
		ba.kept[who] = append(ba.kept[who], st)
	}
	// Whole-bucket actions per grantee, repeated on every path at the end.
	whole := map[model.S3Grantee]map[string]bool{}
	var wholeOrder []model.S3Grantee
	addWhole := func(who model.S3Grantee, action string) {
		if whole[who] == nil {
			whole[who] = map[string]bool{}
			wholeOrder = append(wholeOrder, who)
		}
		whole[who][action] = true
	}
	for _, g := range grants {
		if policyOnly != nil && policyOnly(g.Grantee) {
			keep(g.Grantee, s3Statement{actions: g.Actions, key: g.Key, prefixes: g.Prefixes})
			if g.Key == "*" || (g.Key == "" && len(g.Prefixes) == 0) {
				ba.wholeBucket[g.Grantee] = true
			}
			continue
		}
		if g.Key == "" {
			var other []string
			list := false
			for _, a := range g.Actions {
				if a == "s3:ListBucket" {
					list = true
				} else {
					other = append(other, a)
				}
			}
			if len(other) > 0 {
				keep(g.Grantee, s3Statement{actions: other, prefixes: g.Prefixes})
			}
			if !list {
				continue
			}
			if len(g.Prefixes) == 0 {
				// Listing the whole bucket: Gen 2 lists per path only.
				keep(g.Grantee, s3Statement{actions: []string{"s3:ListBucket"}})
				ba.wholeBucket[g.Grantee] = true
				addWhole(g.Grantee, "list")
				continue
			}
			var rest []string
			set := map[string]bool{}
			for _, p := range g.Prefixes {
				set[p] = true
			}
			used := map[string]bool{}
			for _, p := range g.Prefixes {
				if used[p] {
					continue
				}
				if strings.HasSuffix(p, "/") && set[p+"*"] {
					if path, actor, ok := mapS3Key(p+"*", g.Grantee); ok {
						ba.rule(path, actor).actions["list"] = true
						used[p], used[p+"*"] = true, true
						continue
					}
				}
			}
			for _, p := range g.Prefixes {
				if !used[p] {
					rest = append(rest, p)
				}
			}
			if len(rest) > 0 {
				keep(g.Grantee, s3Statement{actions: []string{"s3:ListBucket"}, prefixes: rest})
			}
			continue
		}
		if g.Key == "*" {
			keep(g.Grantee, s3Statement{actions: g.Actions, key: "*"})
			ba.wholeBucket[g.Grantee] = true
			for _, a := range g.Actions {
				if x := gen2Action(a); x != "" {
					addWhole(g.Grantee, x)
				}
			}
			continue
		}
		path, actor, ok := mapS3Key(g.Key, g.Grantee)
		var mapped, other []string
		for _, a := range g.Actions {
			if x := gen2Action(a); x != "" && ok {
				mapped = append(mapped, x)
			} else {
				other = append(other, a)
			}
		}
		if len(mapped) > 0 {
			r := ba.rule(path, actor)
			for _, x := range mapped {
				r.actions[x] = true
			}
		}
		if len(other) > 0 {
			keep(g.Grantee, s3Statement{actions: other, key: g.Key})
		}
	}
	// Grants on the whole bucket reach every path.
	if len(whole) > 0 {
		for _, p := range []string{pathPublic, pathProtected, pathPrivate} {
			ba.path(p)
		}
		for _, who := range wholeOrder {
			actor := actorOf(who)
			for _, p := range ba.paths {
				r := ba.rule(p.path, actor)
				r.wholeBucket = true
				for a := range whole[who] {
					r.actions[a] = true
				}
			}
		}
	}
	ba.inheritParents()
	ba.sort()
	return ba
}

// mapS3Key finds the Gen 2 path and actor of a Gen 1 object key.
func mapS3Key(key string, who model.S3Grantee) (string, s3Actor, bool) {
	actor := actorOf(who)
	own := func(prefix string) (string, s3Actor, bool) {
		if who.Kind != model.S3Authenticated {
			// Gen 2 scopes the identity's own folder to signed-in users only.
			return "", actor, false
		}
		return prefix + "/{entity_id}/*", s3Actor{kind: actorEntity}, true
	}
	switch key {
	case "public/*":
		return pathPublic, actor, true
	case "protected/" + model.IdentitySub + "/*":
		return own("protected")
	case "private/" + model.IdentitySub + "/*":
		return own("private")
	case "protected/*":
		// Gen 2 grants 'protected/{entity_id}/*' to everyone but the owner
		// as protected/*, the key Gen 1 used.
		return pathProtected, actor, true
	case "private/*":
		return pathPrivate, actor, true
	}
	if validGen2Path(key) {
		return key, actor, true
	}
	return "", actor, false
}

// validGen2Path reports whether defineStorage accepts the path as written.
func validGen2Path(p string) bool {
	return strings.HasSuffix(p, "/*") && !strings.HasPrefix(p, "/") && !strings.Contains(p, "//") &&
		strings.Count(p, "*") == 1 && !strings.ContainsAny(p, "${}?") && len(p) > 2
}

func actorOf(who model.S3Grantee) s3Actor {
	switch who.Kind {
	case model.S3Guest:
		return s3Actor{kind: actorGuest}
	case model.S3Group:
		return s3Actor{kind: actorGroup, name: who.Name}
	case model.S3Function:
		return s3Actor{kind: actorFunction, name: who.Name}
	}
	return s3Actor{kind: actorAuthenticated}
}

func (ba *bucketAccess) path(p string) *s3Path {
	for _, x := range ba.paths {
		if x.path == p {
			return x
		}
	}
	x := &s3Path{path: p}
	ba.paths = append(ba.paths, x)
	return x
}

func (ba *bucketAccess) rule(p string, a s3Actor) *s3Rule {
	sp := ba.path(p)
	for _, r := range sp.rules {
		if r.actor == a {
			return r
		}
	}
	r := &s3Rule{actor: a, actions: map[string]bool{}}
	sp.rules = append(sp.rules, r)
	return r
}

// inheritParents copies the rules of a path to the paths under it. Gen 2
// denies a sub-path to whoever may use the parent but has no rule of their
// own on the sub-path; Gen 1 had no such denies.
func (ba *bucketAccess) inheritParents() {
	for _, child := range ba.paths {
		if strings.Contains(child.path, "{entity_id}") {
			continue
		}
		for _, parent := range ba.paths {
			if parent == child || !strings.HasPrefix(child.path, strings.TrimSuffix(parent.path, "*")) {
				continue
			}
			for _, pr := range parent.rules {
				if pr.actor.kind == actorEntity {
					continue
				}
				r := ba.rule(child.path, pr.actor)
				r.wholeBucket = r.wholeBucket || pr.wholeBucket
				for a := range pr.actions {
					r.actions[a] = true
				}
			}
		}
	}
}

func (ba *bucketAccess) sort() {
	sort.SliceStable(ba.paths, func(i, j int) bool {
		ri, rj := pathRank(ba.paths[i].path), pathRank(ba.paths[j].path)
		if ri != rj {
			return ri < rj
		}
		return ba.paths[i].path < ba.paths[j].path
	})
	for _, p := range ba.paths {
		sort.SliceStable(p.rules, func(i, j int) bool {
			a, b := p.rules[i].actor, p.rules[j].actor
			if a.kind != b.kind {
				return a.kind < b.kind
			}
			if a.kind == actorGroup {
				return false // keep the groups' order
			}
			return a.name < b.name
		})
	}
}

// gen2Actions renders a rule's actions in a stable order, writing get and
// list together as read.
func gen2Actions(set map[string]bool) []string {
	var out []string
	if set["get"] && set["list"] {
		out = append(out, "read")
	} else {
		if set["get"] {
			out = append(out, "get")
		}
		if set["list"] {
			out = append(out, "list")
		}
	}
	if set["write"] {
		out = append(out, "write")
	}
	if set["delete"] {
		out = append(out, "delete")
	}
	return out
}
