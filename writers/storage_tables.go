package writers

import (
	"fmt"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// tablesStack is the stack of the storage tables in backend.ts. It is not
// "storage": defineStorage owns that one. The tables refer to nothing, so
// functions and APIs can depend on them without cycles.
const tablesStack = "storageTablesStack"

// writeTables writes the DynamoDB tables of the storage category as CDK
// tables in backend.ts, with the keys, indexes, billing, stream and trigger
// functions Gen 1 deployed.
func (g *gen) writeTables(tables []*model.Resource, names *storageNames) {
	type plan struct {
		r     *model.Resource
		ident string
		print func(p *ts.Printer)
	}
	var plans []plan
	for _, r := range tables {
		g.markHandled(r)
		ident := names.table[r.Name]
		var print func(p *ts.Printer)
		if r.Imported {
			print = g.importedTable(r, ident)
		} else {
			print = g.table(r, ident)
		}
		plans = append(plans, plan{r: r, ident: ident, print: print})
	}
	g.backend.Add(OrderStorage, "Storage: DynamoDB tables of the Gen 1 storage category", func(p *ts.Printer) {
		p.Linef("const %s = backend.createStack('storageTables');", tablesStack)
		for _, pl := range plans {
			p.Blank()
			pl.print(p)
		}
	})
}

// ddbAttributeType is the CDK AttributeType of a key type.
func ddbAttributeType(t string) (string, bool) {
	switch t {
	case "S":
		return "AttributeType.STRING", true
	case "N":
		return "AttributeType.NUMBER", true
	case "B":
		return "AttributeType.BINARY", true
	}
	return "AttributeType.STRING", false
}

func (g *gen) keyValue(r *model.Resource, k model.KeyAttribute) ts.Value {
	typ, ok := ddbAttributeType(k.Type)
	if !ok {
		g.finding(r, model.Finding{Code: "storage.table-keys", Level: model.Manual, Subject: k.Name, Pos: k.Pos,
			Reason: fmt.Sprintf("key %s has the type %q, which DynamoDB keys cannot have (S, N or B)", k.Name, k.Type),
			Action: "fix the key type in amplify/backend.ts (written as STRING)"})
	}
	return ts.Obj{{Key: "name", Value: ts.Str(k.Name)}, {Key: "type", Value: ts.Expr(typ)}}
}

func (g *gen) table(r *model.Resource, ident string) func(p *ts.Printer) {
	t := r.Table
	im := &g.backend.Imports
	im.Add("aws-cdk-lib/aws-dynamodb", "Table", "AttributeType", "BillingMode")
	props := ts.Obj{}
	props.Set("partitionKey", g.keyValue(r, t.PartitionKey))
	keys := "partition key " + t.PartitionKey.Name
	if t.SortKey != nil {
		props.Set("sortKey", g.keyValue(r, *t.SortKey))
		keys += ", sort key " + t.SortKey.Name
	}
	g.finding(r, model.Finding{Code: "storage.table", Level: model.CDK,
		Reason: "the DynamoDB table becomes a CDK Table in amplify/backend.ts (stack storageTables); Gen 2 has no define* for it",
		Action: "copy the items from the Gen 1 table to the new one (see MIGRATION.md, Storage)"})
	g.finding(r, model.Finding{Code: "storage.table-keys", Level: model.CDK, Subject: "keys", Pos: t.PartitionKey.Pos,
		Reason: keys + ", as in Gen 1"})
	if t.BillingMode == "PAY_PER_REQUEST" {
		props.Set("billingMode", ts.Expr("BillingMode.PAY_PER_REQUEST"))
		g.finding(r, model.Finding{Code: "storage.table-billing", Level: model.CDK, Subject: "BillingMode", Pos: t.BillingPos,
			Reason: "on-demand billing, as in Gen 1"})
	} else {
		props.Set("billingMode", ts.Expr("BillingMode.PROVISIONED"))
		props.Set("readCapacity", ts.Num(t.ReadCapacity))
		props.Set("writeCapacity", ts.Num(t.WriteCapacity))
		g.finding(r, model.Finding{Code: "storage.table-billing", Level: model.CDK, Subject: "ProvisionedThroughput", Pos: t.BillingPos,
			Reason: fmt.Sprintf("provisioned %d reads and %d writes per second, as in Gen 1", t.ReadCapacity, t.WriteCapacity)})
	}
	if t.Stream != "" {
		im.Add("aws-cdk-lib/aws-dynamodb", "StreamViewType")
		props.Set("stream", ts.Expr("StreamViewType."+t.Stream))
		g.finding(r, model.Finding{Code: "storage.table-stream", Level: model.CDK, Subject: "StreamSpecification", Pos: t.StreamPos,
			Reason: t.Stream + " stream, as in Gen 1"})
	}
	if t.TTLAttribute != "" {
		props.Set("timeToLiveAttribute", ts.Str(t.TTLAttribute))
		g.finding(r, model.Finding{Code: "storage.table-ttl", Level: model.CDK, Subject: "TimeToLiveSpecification", Pos: t.TTLPos,
			Reason: fmt.Sprintf("items expire by their %s attribute, as in Gen 1", t.TTLAttribute)})
	}
	if t.SSE {
		im.Add("aws-cdk-lib/aws-dynamodb", "TableEncryption")
		props.Set("encryption", ts.Expr("TableEncryption.AWS_MANAGED"))
		g.finding(r, model.Finding{Code: "storage.table-encryption", Level: model.CDK, Subject: "SSESpecification", Pos: t.SSEPos,
			Reason: "encrypted with the AWS managed KMS key, as in Gen 1"})
	}
	if t.PointInTimeRecovery {
		props.Set("pointInTimeRecoverySpecification", ts.Obj{{Key: "pointInTimeRecoveryEnabled", Value: ts.Bool(true)}})
		g.finding(r, model.Finding{Code: "storage.table-pitr", Level: model.CDK, Subject: "PointInTimeRecoverySpecification",
			Reason: "point-in-time recovery on, as in Gen 1"})
	}
	if t.DeletionProtection {
		props.Set("deletionProtection", ts.Bool(true))
		g.finding(r, model.Finding{Code: "storage.table-deletion-protection", Level: model.CDK, Subject: "DeletionProtectionEnabled",
			Reason: "deletion protection on, as in Gen 1"})
	}
	g.settingsFindings(r, "storage.table-setting", t.Settings, t.Positions, "tableName", "partitionKey", "sortKey", "gsi",
		"triggerFunctions", "partitionKeyName", "partitionKeyType", "sortKeyName", "sortKeyType")
	g.finding(r, model.Finding{Code: "storage.table-retain", Level: model.Auto, Subject: "removal policy",
		Reason: "CDK keeps the table when its stack is deleted (Gen 1 deleted it); remove it by hand when it is no longer wanted"})
	physical := t.PhysicalName
	if physical == "" && t.TableName != "" {
		physical = t.TableName + "-" + envOr(g.p.Env, "<env>")
	}
	g.finding(r, model.Finding{Code: "storage.table-name", Level: model.CDK, Subject: "tableName", Pos: t.TableNamePos,
		Reason: fmt.Sprintf("Gen 1 table %s; CloudFormation names the Gen 2 table, which functions find through their environment", physical),
		Action: "copy the items, or keep the Gen 1 table by moving it with a CloudFormation stack refactor and setting tableName"})

	var indexes []ts.Value
	for _, idx := range t.GSIs {
		o := ts.Obj{{Key: "indexName", Value: ts.Str(idx.Name)}}
		o.Set("partitionKey", g.keyValue(r, idx.PartitionKey))
		if idx.SortKey != nil {
			o.Set("sortKey", g.keyValue(r, *idx.SortKey))
		}
		g.projection(&o, idx)
		if t.BillingMode != "PAY_PER_REQUEST" {
			o.Set("readCapacity", ts.Num(idx.ReadCapacity))
			o.Set("writeCapacity", ts.Num(idx.WriteCapacity))
		}
		indexes = append(indexes, ts.Call{Fn: ident + ".addGlobalSecondaryIndex", Args: []ts.Value{o}})
		g.finding(r, model.Finding{Code: "storage.table-index", Level: model.CDK, Subject: "index " + idx.Name, Pos: idx.Pos,
			Reason: "global secondary index " + idx.Name + " on " + indexKeys(idx) + ", as in Gen 1"})
	}
	for _, idx := range t.LSIs {
		o := ts.Obj{{Key: "indexName", Value: ts.Str(idx.Name)}}
		if idx.SortKey != nil {
			o.Set("sortKey", g.keyValue(r, *idx.SortKey))
		}
		g.projection(&o, idx)
		indexes = append(indexes, ts.Call{Fn: ident + ".addLocalSecondaryIndex", Args: []ts.Value{o}})
		g.finding(r, model.Finding{Code: "storage.table-index", Level: model.CDK, Subject: "index " + idx.Name, Pos: idx.Pos,
			Reason: "local secondary index " + idx.Name + " on " + indexKeys(idx) + ", as in Gen 1"})
	}

	type trigger struct {
		tr model.TableTrigger
		fn *functionSymbol
		v  ts.Value
	}
	var triggers []trigger
	for _, tr := range t.Triggers {
		fs := g.convertedFunction(tr.Function)
		x := trigger{tr: tr, fn: fs}
		if fs == nil {
			g.finding(r, model.Finding{Code: "storage.table-trigger", Level: model.Manual, Subject: "trigger " + tr.Function, Pos: tr.Pos,
				Reason: fmt.Sprintf("Gen 1 fed the stream to function %s, which was not converted", tr.Function),
				Action: "add the event source once the function exists (see the TODO in amplify/backend.ts)"})
			triggers = append(triggers, x)
			continue
		}
		im.Add("aws-cdk-lib/aws-lambda-event-sources", "DynamoEventSource")
		im.Add("aws-cdk-lib/aws-lambda", "StartingPosition")
		opts := ts.Obj{{Key: "startingPosition", Value: ts.Expr("StartingPosition." + tr.StartingPosition)}}
		opts.Set("batchSize", ts.Num(tr.BatchSize))
		if !tr.Enabled {
			opts.Set("enabled", ts.Bool(false))
		}
		x.v = ts.Call{Fn: "backend." + fs.Ident + ".resources.lambda.addEventSource", Args: []ts.Value{
			ts.Call{Fn: "new DynamoEventSource", HugLast: true, Args: []ts.Value{ts.Expr(ident), opts}}}}
		g.finding(r, model.Finding{Code: "storage.table-trigger", Level: model.CDK, Subject: "trigger " + tr.Function, Pos: tr.Pos,
			Reason: fmt.Sprintf("the stream feeds function %s (batches of %d from %s), as in Gen 1", tr.Function, tr.BatchSize, tr.StartingPosition)})
		triggers = append(triggers, x)
	}

	var manual []model.TemplateItem
	for _, it := range t.Unrecognized {
		manual = append(manual, it)
		g.finding(r, model.Finding{Code: "storage.table-template", Level: model.Manual, Subject: templateItemText(it), Pos: it.Pos,
			Reason: "template item with no automatic conversion", Action: "port it by hand in amplify/backend.ts (see the TODO)"})
	}
	if r.Override != nil {
		// override.ts reached the table as resources.dynamoDBTable.
		g.backend.Imports.Add("aws-cdk-lib/aws-dynamodb", "CfnTable")
		g.exportOverride(r, "dynamoDBTable", "("+ident+".node.defaultChild as CfnTable)")
	}
	g.note(30, "Storage", fmt.Sprintf("- **%s** (DynamoDB): Gen 2 creates a new table (`%s` in amplify/backend.ts). Copy the items from the Gen 1 table `%s` before switching the app over; until then the Gen 2 functions read the new, empty table.", r.Name, ident, physical))

	return func(p *ts.Printer) {
		p.Comment(fmt.Sprintf("%s: Gen 1 table %s.", r.Name, physical))
		p.Value("const "+ident+" = ", ts.Call{Fn: "new Table", HugLast: true, Args: []ts.Value{ts.Expr(tablesStack), ts.Str(r.Name), props}}, ";")
		for _, v := range indexes {
			p.Value("", v, ";")
		}
		for _, x := range triggers {
			if x.fn == nil {
				p.Todo("storage.table-trigger", fmt.Sprintf("Gen 1 fed this table's stream to function %s, which was not converted: add backend.<function>.resources.lambda.addEventSource(new DynamoEventSource(%s, { startingPosition: StartingPosition.%s })) once it exists.", x.tr.Function, ident, x.tr.StartingPosition))
				continue
			}
			p.Value("", x.v, ";")
		}
		for _, it := range manual {
			p.Todo("storage.table-template", fmt.Sprintf("the Gen 1 table template has %s at %s, which was not converted: add its Gen 2 equivalent here.", templateItemText(it), it.Pos))
		}
	}
}

func (g *gen) projection(o *ts.Obj, idx model.TableIndex) {
	switch idx.Projection {
	case "", "ALL":
	case "KEYS_ONLY":
		g.backend.Imports.Add("aws-cdk-lib/aws-dynamodb", "ProjectionType")
		o.Set("projectionType", ts.Expr("ProjectionType.KEYS_ONLY"))
	case "INCLUDE":
		g.backend.Imports.Add("aws-cdk-lib/aws-dynamodb", "ProjectionType")
		o.Set("projectionType", ts.Expr("ProjectionType.INCLUDE"))
		o.Set("nonKeyAttributes", ts.Strs(idx.NonKeyAttributes...))
	}
}

func indexKeys(idx model.TableIndex) string {
	s := idx.PartitionKey.Name
	if idx.SortKey != nil {
		if s != "" {
			s += ", "
		}
		s += idx.SortKey.Name
	}
	return s
}

func envOr(env, def string) string {
	if env == "" {
		return def
	}
	return env
}

// importedTable refers to a table Gen 1 imported.
func (g *gen) importedTable(r *model.Resource, ident string) func(p *ts.Printer) {
	t := r.Table
	g.backend.Imports.Add("aws-cdk-lib/aws-dynamodb", "Table")
	attrs := ts.Obj{}
	level, reason := model.CDK, fmt.Sprintf("Gen 1 imported table %s; Gen 2 refers to it with Table.fromTableAttributes", t.PhysicalName)
	if t.PhysicalName == "" {
		level, reason = model.Manual, "Gen 1 imported a table whose name is only in team-provider-info.json, which is missing"
		attrs.Add(ts.Entry{Key: "tableName", Value: ts.Str("SET-GEN1-TABLE-NAME"), TodoCode: "storage.table-imported",
			Todo: fmt.Sprintf("set the name of the table Gen 1 imported as %s (team-provider-info.json categories.storage.%s.tableName).", r.Name, r.Name)})
	} else {
		attrs.Set("tableName", ts.Str(t.PhysicalName))
	}
	if t.StreamArn != "" {
		attrs.Set("tableStreamArn", ts.Str(t.StreamArn))
	}
	g.finding(r, model.Finding{Code: "storage.table-imported", Level: level, Reason: reason,
		Action: "the table stays where it is; functions keep their access through the function conversion"})
	g.settingsFindings(r, "storage.table-setting", t.Settings, t.Positions)
	for _, tr := range t.Triggers {
		g.finding(r, model.Finding{Code: "storage.table-trigger", Level: model.Manual, Subject: "trigger " + tr.Function, Pos: tr.Pos,
			Reason: "stream trigger on an imported table", Action: "add the event source with the table's stream ARN in amplify/backend.ts"})
	}
	return func(p *ts.Printer) {
		p.Comment(fmt.Sprintf("%s: imported in Gen 1; the table is not managed by this backend.", r.Name))
		p.Value("const "+ident+" = ", ts.Call{Fn: "Table.fromTableAttributes", HugLast: true, Args: []ts.Value{ts.Expr(tablesStack), ts.Str(r.Name), attrs}}, ";")
		for _, tr := range t.Triggers {
			p.Todo("storage.table-trigger", fmt.Sprintf("Gen 1 fed this table's stream to function %s: add the event source (the stream ARN is %s).", tr.Function, strings.TrimSpace(t.StreamArn+" ")))
		}
	}
}
