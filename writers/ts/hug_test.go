package ts

import "testing"

func TestCallHugLastFallback(t *testing.T) {
	obj := Obj{{Key: "mapName", Value: Expr("`esridarkgray-${branchName}`")}, {Key: "configuration", Value: Obj{{Key: "style", Value: Str("VectorEsriDarkGrayCanvas")}}}, {Key: "pricingPlan", Value: Str("RequestBasedUsage")}}
	p := New()
	p.Value("const geoEsridarkgray = ", Call{Fn: "new CfnMap", Args: []Value{Expr("geoStack"), Str("esridarkgray"), obj}, HugLast: true}, ";")
	want := "const geoEsridarkgray = new CfnMap(geoStack, 'esridarkgray', {\n" +
		"  mapName: `esridarkgray-${branchName}`,\n" +
		"  configuration: { style: 'VectorEsriDarkGrayCanvas' },\n" +
		"  pricingPlan: 'RequestBasedUsage',\n" +
		"});\n"
	if got := p.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Short calls stay on one line; without HugLast the layout is unchanged.
	p = New()
	p.Value("", Call{Fn: "f", Args: []Value{Expr("a"), Obj{{Key: "b", Value: Num(1)}}}, HugLast: true}, ";")
	if got := p.String(); got != "f(a, { b: 1 });\n" {
		t.Errorf("short call: %q", got)
	}
	p = New()
	p.Value("const geoEsridarkgray = ", Call{Fn: "new CfnMap", Args: []Value{Expr("geoStack"), Str("esridarkgray"), obj}}, ";")
	if got := p.String(); got[:len("const geoEsridarkgray = new CfnMap(\n")] != "const geoEsridarkgray = new CfnMap(\n" {
		t.Errorf("default layout changed:\n%s", got)
	}
	// A first argument that does not fit falls back to one argument per line.
	long := Expr("aVeryLongExpressionThatTakesMostOfTheLine.withAnotherLongMemberName.andYetAnotherMember")
	p = New()
	p.Value("const x = ", Call{Fn: "new Thing", Args: []Value{long, obj}, HugLast: true}, ";")
	if got := p.String(); got[:len("const x = new Thing(\n")] != "const x = new Thing(\n" {
		t.Errorf("fallback layout:\n%s", got)
	}
}
