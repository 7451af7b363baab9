package writers

import (
	"fmt"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// relField is the Gen 2 form of one relationship field.
type relField struct {
	kind    model.RelationKind // hasMany, hasOne or belongsTo in Gen 2
	related string
	refs    []string
	// problem is set when Gen 2 cannot express the Gen 1 relationship.
	problem string
	// gen1 is the Gen 1 field, nil for fields the plan adds.
	gen1 *model.GQLField
}

// extraField is a field the plan adds to a model: a foreign key Gen 1
// added implicitly, or the other side of a relationship Gen 2 requires.
type extraField struct {
	name string
	// keyType is the GraphQL type of a foreign key ("ID"); empty for a
	// relationship field.
	keyType  string
	required bool
	rel      *relField
	// why explains a relationship field the plan adds.
	why string
}

// relPlan says how every relationship reaches Gen 2: Gen 2 relationships
// are bidirectional, reference fields on the child, and are keyed on the
// parent's primary key; Gen 1's may be one-sided, keep the key on the
// parent (@hasOne) or read an index.
type relPlan struct {
	fields map[string]map[string]*relField
	extra  map[string][]*extraField
	// notes are changes the plan made, for findings: "model.field" -> text.
	notes []relNote
}

type relNote struct {
	model, field string
	text         string
	pos          model.Pos
}

func (p *relPlan) field(modelName, field string) *relField {
	return p.fields[modelName][field]
}

// link is a Gen 1 relationship as Gen 2 sees it: a child holding keys that
// point at a parent.
type link struct {
	child, parent string
	keys          []string
	types         []string
	required      bool
	implicit      bool
	parents       []linkSide
	children      []linkSide
}

type linkSide struct {
	model string
	f     *model.GQLField
}

func planRelations(s *model.Schema) *relPlan {
	p := &relPlan{fields: map[string]map[string]*relField{}, extra: map[string][]*extraField{}}
	set := func(m, f string, rf *relField) {
		if p.fields[m] == nil {
			p.fields[m] = map[string]*relField{}
		}
		p.fields[m][f] = rf
	}
	taken := map[string]map[string]bool{}
	for _, t := range s.Models() {
		taken[t.Name] = map[string]bool{"id": true, "createdAt": true, "updatedAt": true}
		for _, f := range t.Fields {
			taken[t.Name][f.Name] = true
		}
	}
	declared := map[string]bool{}
	declareKeys := func(l *link) {
		cm := s.Type(l.child)
		for i, k := range l.keys {
			if cm.Field(k) != nil || declared[l.child+"."+k] {
				continue
			}
			declared[l.child+"."+k] = true
			taken[l.child][k] = true
			typ := "ID"
			if i < len(l.types) && l.types[i] != "" {
				typ = l.types[i]
			}
			p.extra[l.child] = append(p.extra[l.child], &extraField{name: k, keyType: typ, required: l.required})
		}
	}
	var order []string
	links := map[string]*link{}
	for _, t := range s.Models() {
		for _, f := range t.Fields {
			rel := f.Relation
			if rel == nil {
				continue
			}
			parentSide := rel.KeyModel != t.Name
			if rel.KeyModel == t.Name && rel.Related == t.Name {
				parentSide = rel.Kind == model.HasMany || rel.Kind == model.ManyToMany || rel.Kind == model.HasOne && len(rel.References) > 0
			}
			l := &link{keys: rel.KeyFields, types: rel.KeyTypes, required: rel.KeyRequired, implicit: rel.KeyImplicit}
			if bt := pairedBelongsTo(s, t, f); bt != nil && rel.Expressible {
				// @hasOne with a @belongsTo back: Gen 1 kept one key on each
				// side. Gen 2 reads both through the belongsTo's key; the
				// hasOne's own key stays as a plain field so its data is kept.
				if rel.KeyImplicit {
					declareKeys(&link{child: t.Name, keys: rel.KeyFields, types: rel.KeyTypes})
				}
				p.notes = append(p.notes, relNote{t.Name, f.Name, fmt.Sprintf(
					"Gen 1 stored two keys for this @hasOne and its @belongsTo %s.%s (%s on %s, %s on %s); Gen 2 reads both sides through %s, and %s stays a plain field: copy its values into %s where only it was set",
					rel.Related, bt.Name, strings.Join(rel.KeyFields, ", "), t.Name, strings.Join(bt.Relation.KeyFields, ", "), rel.Related,
					strings.Join(bt.Relation.KeyFields, ", "), strings.Join(rel.KeyFields, ", "), strings.Join(bt.Relation.KeyFields, ", ")), rel.Pos})
				parentSide = true
				l = &link{keys: bt.Relation.KeyFields, types: bt.Relation.KeyTypes, required: bt.Relation.KeyRequired, implicit: bt.Relation.KeyImplicit}
				l.child, l.parent = rel.Related, t.Name
			} else if parentSide {
				l.child, l.parent = rel.KeyModel, t.Name
			} else {
				l.child, l.parent = t.Name, rel.Related
			}
			if !rel.Expressible {
				set(t.Name, f.Name, &relField{problem: rel.Problem, gen1: f})
				// Keep the key attributes readable even though the
				// relationship itself needs a person.
				if l.implicit {
					declareKeys(l)
				}
				continue
			}
			key := l.child + "|" + l.parent + "|" + strings.Join(l.keys, ",")
			if prev, ok := links[key]; ok {
				l = prev
			} else {
				links[key] = l
				order = append(order, key)
			}
			if parentSide {
				l.parents = append(l.parents, linkSide{t.Name, f})
			} else {
				l.children = append(l.children, linkSide{t.Name, f})
			}
			if rel.KeyImplicit {
				l.implicit = true
			}
			if rel.KeyRequired {
				l.required = true
			}
		}
	}
	for _, key := range order {
		l := links[key]
		declareKeys(l)
		for _, ps := range l.parents {
			kind := model.HasMany
			if ps.f.Relation.Kind == model.HasOne {
				kind = model.HasOne
			}
			set(ps.model, ps.f.Name, &relField{kind: kind, related: l.child, refs: l.keys, gen1: ps.f})
		}
		for _, cs := range l.children {
			set(cs.model, cs.f.Name, &relField{kind: model.BelongsTo, related: l.parent, refs: l.keys, gen1: cs.f})
			if cs.f.Relation.Kind == model.HasOne {
				p.notes = append(p.notes, relNote{cs.model, cs.f.Name, fmt.Sprintf(
					"Gen 1 kept this @hasOne's key on %s (%s), so in Gen 2 %s.%s is a belongsTo and %s gets the hasOne side",
					cs.model, strings.Join(l.keys, ", "), cs.model, cs.f.Name, l.parent), cs.f.Relation.Pos})
			}
		}
		if len(l.children) == 0 {
			ps := l.parents[0]
			name := freeName(taken[l.child], lowerFirst(l.parent), lowerFirst(l.parent)+upperFirstW(ps.f.Name))
			rf := &relField{kind: model.BelongsTo, related: l.parent, refs: l.keys}
			p.extra[l.child] = append(p.extra[l.child], &extraField{name: name, rel: rf,
				why: fmt.Sprintf("Gen 2 relationships are bidirectional: %s.%s needs a belongsTo on %s", ps.model, ps.f.Name, l.child)})
			p.notes = append(p.notes, relNote{ps.model, ps.f.Name, fmt.Sprintf(
				"adds %s.%s (belongsTo %s, reference %s): Gen 2 requires both sides of a relationship; the stored key is unchanged",
				l.child, name, l.parent, strings.Join(l.keys, ", ")), ps.f.Relation.Pos})
		}
		if len(l.parents) == 0 {
			cs := l.children[0]
			kind := model.HasMany
			name := freeName(taken[l.parent], lowerFirst(pluralWord(l.child)), lowerFirst(l.child)+upperFirstW(cs.f.Name)+"s")
			if cs.f.Relation.Kind == model.HasOne {
				kind = model.HasOne
				name = freeName(taken[l.parent], lowerFirst(l.child), lowerFirst(l.child)+upperFirstW(cs.f.Name))
			}
			rf := &relField{kind: kind, related: l.child, refs: l.keys}
			p.extra[l.parent] = append(p.extra[l.parent], &extraField{name: name, rel: rf,
				why: fmt.Sprintf("Gen 2 relationships are bidirectional: %s.%s needs a %s on %s", cs.model, cs.f.Name, kind, l.parent)})
			p.notes = append(p.notes, relNote{cs.model, cs.f.Name, fmt.Sprintf(
				"adds %s.%s (%s %s, reference %s): Gen 2 requires both sides of a relationship; the stored key is unchanged",
				l.parent, name, kind, l.child, strings.Join(l.keys, ", ")), cs.f.Relation.Pos})
		}
	}
	return p
}

// pairedBelongsTo finds the @belongsTo on the related model that Gen 1
// paired with a @hasOne whose key is on the hasOne's own model.
func pairedBelongsTo(s *model.Schema, t *model.GQLType, f *model.GQLField) *model.GQLField {
	rel := f.Relation
	if rel.Kind != model.HasOne || rel.KeyModel != t.Name || rel.Related == t.Name {
		return nil
	}
	other := s.Type(rel.Related)
	for _, of := range other.Fields {
		r := of.Relation
		if r != nil && r.Kind == model.BelongsTo && r.Related == t.Name && r.KeyModel == other.Name && r.Counterpart == f.Name && r.Expressible {
			return of
		}
	}
	return nil
}

// freeName returns the first candidate not in taken (adding a number when
// all are), and marks it taken.
func freeName(taken map[string]bool, candidates ...string) string {
	for _, c := range candidates {
		if !taken[c] {
			taken[c] = true
			return c
		}
	}
	for i := 2; ; i++ {
		c := fmt.Sprintf("%s%d", candidates[0], i)
		if !taken[c] {
			taken[c] = true
			return c
		}
	}
}

func upperFirstW(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// pluralWord is a plain English plural for names the plan makes up.
func pluralWord(s string) string {
	switch {
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	case strings.HasSuffix(s, "y") && len(s) > 1 && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	}
	return s + "s"
}
