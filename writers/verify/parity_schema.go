package verify

import (
	"fmt"
	"sort"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// schemaFact is one comparable statement about a schema ("field Post.title
// has type String!"). Facts form a tree (type → field → argument) so that a
// missing type is reported once, not once per field.
type schemaFact struct {
	key    string
	parent string
	value  string
	// typeName and fieldName locate the fact for tolerances.
	typeName, fieldName string
}

// schemaFacts flattens an AppSync schema into facts. Order never matters:
// AppSync does not expose field or directive order.
type schemaFacts struct {
	byKey map[string]schemaFact
	types map[string]*ast.Definition
}

func parseSchemaFacts(sdl string) (*schemaFacts, error) {
	doc, err := parser.ParseSchema(&ast.Source{Name: "schema.graphql", Input: sdl})
	if err != nil {
		return nil, err
	}
	f := &schemaFacts{byKey: map[string]schemaFact{}, types: map[string]*ast.Definition{}}
	add := func(fact schemaFact) { f.byKey[fact.key] = fact }
	for _, s := range append(append(ast.SchemaDefinitionList{}, doc.Schema...), doc.SchemaExtension...) {
		for _, op := range s.OperationTypes {
			add(schemaFact{key: "schema " + string(op.Operation), value: op.Type})
		}
	}
	for _, d := range doc.Directives {
		add(schemaFact{key: "directive @" + d.Name, value: directiveDefString(d)})
	}
	defs := append(append(ast.DefinitionList{}, doc.Definitions...), doc.Extensions...)
	for _, d := range defs {
		if prev, ok := f.types[d.Name]; ok {
			// An extension: merge into one definition, as AppSync does.
			merged := *prev
			merged.Fields = append(append(ast.FieldList{}, prev.Fields...), d.Fields...)
			merged.EnumValues = append(append(ast.EnumValueList{}, prev.EnumValues...), d.EnumValues...)
			merged.Directives = append(append(ast.DirectiveList{}, prev.Directives...), d.Directives...)
			merged.Interfaces = append(append([]string{}, prev.Interfaces...), d.Interfaces...)
			merged.Types = append(append([]string{}, prev.Types...), d.Types...)
			f.types[d.Name] = &merged
			continue
		}
		f.types[d.Name] = d
	}
	for name, d := range f.types {
		tk := "type " + name
		add(schemaFact{key: tk, value: strings.ToLower(string(d.Kind)), typeName: name})
		if ds := directivesString(d.Directives); ds != "" {
			add(schemaFact{key: tk + " directives", parent: tk, value: ds, typeName: name})
		}
		if len(d.Interfaces) > 0 {
			add(schemaFact{key: tk + " implements", parent: tk, value: sortedJoin(d.Interfaces), typeName: name})
		}
		if len(d.Types) > 0 {
			add(schemaFact{key: tk + " members", parent: tk, value: sortedJoin(d.Types), typeName: name})
		}
		for _, ev := range d.EnumValues {
			add(schemaFact{key: fmt.Sprintf("enum value %s.%s", name, ev.Name), parent: tk, value: strings.TrimSpace("present " + directivesString(ev.Directives)), typeName: name, fieldName: ev.Name})
		}
		for _, fd := range d.Fields {
			fk := fmt.Sprintf("field %s.%s", name, fd.Name)
			add(schemaFact{key: fk, parent: tk, value: fd.Type.String(), typeName: name, fieldName: fd.Name})
			if ds := directivesString(fd.Directives); ds != "" {
				add(schemaFact{key: fk + " directives", parent: fk, value: ds, typeName: name, fieldName: fd.Name})
			}
			if fd.DefaultValue != nil {
				add(schemaFact{key: fk + " default", parent: fk, value: valueString(fd.DefaultValue, false), typeName: name, fieldName: fd.Name})
			}
			for _, arg := range fd.Arguments {
				ak := fmt.Sprintf("argument %s.%s(%s)", name, fd.Name, arg.Name)
				v := arg.Type.String()
				if arg.DefaultValue != nil {
					v += " = " + valueString(arg.DefaultValue, false)
				}
				if ds := directivesString(arg.Directives); ds != "" {
					v += " " + ds
				}
				add(schemaFact{key: ak, parent: fk, value: v, typeName: name, fieldName: fd.Name})
			}
		}
	}
	return f, nil
}

// fieldSDL renders a field for a report.
func fieldSDL(fd *ast.FieldDefinition) string {
	var b strings.Builder
	b.WriteString(fd.Name)
	if len(fd.Arguments) > 0 {
		var args []string
		for _, a := range fd.Arguments {
			s := a.Name + ": " + a.Type.String()
			if a.DefaultValue != nil {
				s += " = " + valueString(a.DefaultValue, false)
			}
			args = append(args, s)
		}
		b.WriteString("(" + strings.Join(args, ", ") + ")")
	}
	b.WriteString(": " + fd.Type.String())
	if ds := directivesString(fd.Directives); ds != "" {
		b.WriteString(" " + ds)
	}
	return b.String()
}

// typeSDL renders a type definition for a report (fields in source order).
func typeSDL(d *ast.Definition) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(string(d.Kind)) + " " + d.Name)
	if len(d.Interfaces) > 0 {
		b.WriteString(" implements " + strings.Join(d.Interfaces, " & "))
	}
	if ds := directivesString(d.Directives); ds != "" {
		b.WriteString(" " + ds)
	}
	switch {
	case len(d.Types) > 0:
		b.WriteString(" = " + strings.Join(d.Types, " | "))
	case len(d.EnumValues) > 0:
		var vs []string
		for _, v := range d.EnumValues {
			vs = append(vs, v.Name)
		}
		b.WriteString(" { " + strings.Join(vs, " ") + " }")
	case len(d.Fields) > 0:
		b.WriteString(" {\n")
		for _, f := range d.Fields {
			b.WriteString("  " + fieldSDL(f) + "\n")
		}
		b.WriteString("}")
	}
	return b.String()
}

// directivesString renders directives sorted by name and arguments, with
// list arguments sorted: @aws_cognito_user_pools(cognito_groups: [...]) and
// @aws_subscribe(mutations: [...]) are sets.
func directivesString(ds ast.DirectiveList) string {
	var out []string
	for _, d := range ds {
		s := "@" + d.Name
		if len(d.Arguments) > 0 {
			var args []string
			for _, a := range d.Arguments {
				args = append(args, a.Name+": "+valueString(a.Value, true))
			}
			sort.Strings(args)
			s += "(" + strings.Join(args, ", ") + ")"
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func directiveDefString(d *ast.DirectiveDefinition) string {
	var args, locs []string
	for _, a := range d.Arguments {
		args = append(args, a.Name+": "+a.Type.String())
	}
	for _, l := range d.Locations {
		locs = append(locs, string(l))
	}
	sort.Strings(args)
	return "(" + strings.Join(args, ", ") + ") on " + sortedJoin(locs)
}

// valueString renders a GraphQL value; sortLists orders list elements.
func valueString(v *ast.Value, sortLists bool) string {
	if v == nil {
		return ""
	}
	switch v.Kind {
	case ast.Variable:
		return "$" + v.Raw
	case ast.StringValue, ast.BlockValue:
		return fmt.Sprintf("%q", v.Raw)
	case ast.ListValue:
		var items []string
		for _, c := range v.Children {
			items = append(items, valueString(c.Value, sortLists))
		}
		if sortLists {
			sort.Strings(items)
		}
		return "[" + strings.Join(items, ", ") + "]"
	case ast.ObjectValue:
		var items []string
		for _, c := range v.Children {
			items = append(items, c.Name+": "+valueString(c.Value, sortLists))
		}
		sort.Strings(items)
		return "{" + strings.Join(items, ", ") + "}"
	default:
		return v.Raw
	}
}

func sortedJoin(ss []string) string {
	c := append([]string(nil), ss...)
	sort.Strings(c)
	return strings.Join(c, ", ")
}

// compareSchemas reports every fact that differs, skipping facts under a
// type or field that is missing on one side (the parent is reported, with
// its whole definition).
func compareSchemas(want, got *schemaFacts) []Difference {
	keys := map[string]bool{}
	for k := range want.byKey {
		keys[k] = true
	}
	for k := range got.byKey {
		keys[k] = true
	}
	missingOnOneSide := func(k string) bool {
		_, w := want.byKey[k]
		_, g := got.byKey[k]
		return w != g
	}
	var out []Difference
	for k := range keys {
		w, inW := want.byKey[k]
		g, inG := got.byKey[k]
		if inW && inG && w.value == g.value {
			continue
		}
		fact := w
		if !inW {
			fact = g
		}
		// Reported with the parent.
		if p := fact.parent; p != "" && missingOnOneSide(p) {
			continue
		}
		if gp := parentOf(want, got, fact.parent); gp != "" && missingOnOneSide(gp) {
			continue
		}
		d := Difference{Kind: KindSchema, Subject: k, typeName: fact.typeName, fieldName: fact.fieldName}
		render := func(sf *schemaFacts, f schemaFact, ok bool) string {
			if !ok {
				return ""
			}
			switch {
			case strings.HasPrefix(k, "type ") && f.parent == "":
				return typeSDL(sf.types[f.typeName])
			case strings.HasPrefix(k, "field ") && !strings.Contains(strings.TrimPrefix(k, "field "), " "):
				for _, fd := range sf.types[f.typeName].Fields {
					if fd.Name == f.fieldName {
						return fieldSDL(fd)
					}
				}
			}
			return f.value
		}
		d.Want, d.Got = render(want, w, inW), render(got, g, inG)
		if d.Want == d.Got {
			// Only possible when both render the same definition whose
			// facts differ in a way the rendering hides; fall back.
			d.Want, d.Got = w.value, g.value
		}
		out = append(out, d)
	}
	return out
}

func parentOf(want, got *schemaFacts, key string) string {
	if key == "" {
		return ""
	}
	if f, ok := want.byKey[key]; ok {
		return f.parent
	}
	if f, ok := got.byKey[key]; ok {
		return f.parent
	}
	return ""
}
