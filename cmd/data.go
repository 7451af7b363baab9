package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/amplify-migrate/amplify-migrate/datamove"
	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/readers"
)

// DataOptions are the data command's inputs.
type DataOptions struct {
	Path string

	// Explicit tables (SRC=DST), or discovery.
	Tables        []string
	SourceEnv     string
	SourceAPIID   string
	TargetOutputs string
	TargetAPIID   string
	Models        []string

	SourceProfile, TargetProfile   string
	SourceRegion, TargetRegion     string
	SourceEndpoint, TargetEndpoint string

	Checkpoint string
	DeadLetter string
	DryRun     bool
	Verify     bool

	Segments    int
	Writers     int
	MaxWCU      float64
	MaxWCUShare float64

	KeepDeleted    bool
	StripDataStore bool
	Renames        []string
	OwnerMap       string
	OwnerFields    []string

	// connect builds the clients of one side; tests replace it.
	connect func(ctx context.Context, s datamove.Side) (datamove.DynamoDB, datamove.AppSync, string, error)
}

// NewDataCmd builds `migrate data`.
func NewDataCmd(f *Factory, runF func(*DataOptions) error) *cobra.Command {
	opts := &DataOptions{}
	cmd := &cobra.Command{
		Use:   "data [PATH]",
		Short: "Copy the DynamoDB tables of a Gen 1 API into a Gen 2 backend",
		Long: `Copy the items of the model tables of a Gen 1 AppSync API into the tables of
the Gen 2 backend, in the same or another account and region.

Name the tables with --table SOURCE=TARGET, or let migrate find them: the Gen 1
tables from the project at PATH (default ".": amplify-meta.json gives the API
id, --source-env the environment) or from AppSync with --source-api-id, and the
Gen 2 tables from AppSync, for the API of amplify_outputs.json
(--target-outputs) or --target-api-id. DataStore's AmplifyDataStore-* delta
table is never copied. The plan is printed before anything is written.

Items are copied exactly (numbers, sets, binary and nested values as they are)
with a parallel scan and a pool of writers. Throttling, 5xx errors, dropped
connections and unprocessed items are retried with exponential backoff; an
item that still cannot be written, or that is invalid after the transforms
(over 400 KB, missing a key attribute), goes to the dead-letter file with the
reason and the command exits 1. Running the command again is always safe.

With --checkpoint FILE the progress of every scan segment is saved as the copy
goes; the same command with the same file resumes where it stopped.

DataStore tombstones (_deleted = true) are skipped unless --keep-deleted;
--strip-datastore-fields removes _version, _lastChangedAt and _ttl (and
_deleted when false). Timestamps (createdAt, updatedAt) and __typename are kept.

Exit status: 0 everything copied (and verified with --verify), 1 a failure,
items dead-lettered or a verification mismatch, 2 usage error.`,
		Example: `  # Discover the tables of the "dev" environment and the Gen 2 sandbox, and copy them
  migrate data ./my-app --source-env dev --target-outputs ./my-app-gen2/amplify_outputs.json \
    --checkpoint copy.json --verify

  # See what would be copied and written, without writing
  migrate data --source-env dev --target-outputs amplify_outputs.json --dry-run

  # Explicit tables, across accounts, at half the target's write capacity
  migrate data --table Todo-abc123-prod=Todo-xyz789-NONE \
    --source-profile gen1-prod --target-profile gen2-prod --target-region eu-west-1 \
    --max-wcu-share 0.5

  # Users moved to a new user pool: rewrite owners, drop DataStore fields
  migrate data --source-env prod --target-api-id xyz789 --owner-map subs.csv \
    --strip-datastore-fields --rename-attribute Comment:postCommentsId=postId`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = "."
			if len(args) == 1 {
				opts.Path = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runData(f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&opts.Tables, "table", nil, "copy table SOURCE into table TARGET (SOURCE=TARGET; repeatable)")
	fl.StringVar(&opts.SourceEnv, "source-env", "", "Gen 1 environment whose tables are copied: the checked-out one, which amplify-meta.json describes (for another, check it out or give --source-api-id)")
	fl.StringVar(&opts.SourceAPIID, "source-api-id", "", "Gen 1 AppSync API id: list its tables from AppSync instead of the project files")
	fl.StringVar(&opts.TargetOutputs, "target-outputs", "", "the Gen 2 backend's amplify_outputs.json (gives the API and its region)")
	fl.StringVar(&opts.TargetAPIID, "target-api-id", "", "Gen 2 AppSync API id (instead of --target-outputs)")
	fl.StringSliceVar(&opts.Models, "model", nil, "copy only these models (repeatable or comma-separated)")
	fl.StringVar(&opts.SourceProfile, "source-profile", "", "AWS profile for the source (default: the default credential chain)")
	fl.StringVar(&opts.TargetProfile, "target-profile", "", "AWS profile for the target")
	fl.StringVar(&opts.SourceRegion, "source-region", "", "source region (default: the project's, the profile's or AWS_REGION)")
	fl.StringVar(&opts.TargetRegion, "target-region", "", "target region (default: amplify_outputs.json's, the profile's or AWS_REGION)")
	fl.StringVar(&opts.SourceEndpoint, "source-endpoint", "", "source DynamoDB endpoint URL (DynamoDB Local or a compatible service)")
	fl.StringVar(&opts.TargetEndpoint, "target-endpoint", "", "target DynamoDB endpoint URL")
	fl.StringVar(&opts.Checkpoint, "checkpoint", "", "save progress in this file, and resume from it")
	fl.StringVar(&opts.DeadLetter, "dead-letter", "migrate-data-dead-letter.jsonl", "JSONL file for items that cannot be written (created only when needed)")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "scan and transform, report what would be written, write nothing")
	fl.BoolVar(&opts.Verify, "verify", false, "after copying, compare item counts and content digests of source (after transforms) and target")
	fl.IntVar(&opts.Segments, "segments", 8, "parallel scan segments per table")
	fl.IntVar(&opts.Writers, "writers", 0, "concurrent BatchWriteItem calls per table (default 4 per segment, at most 64)")
	fl.Float64Var(&opts.MaxWCU, "max-wcu", 0, "limit writes to this many write capacity units per second per table")
	fl.Float64Var(&opts.MaxWCUShare, "max-wcu-share", 0, "limit writes to this share (0-1] of each target table's write capacity")
	fl.BoolVar(&opts.KeepDeleted, "keep-deleted", false, "copy DataStore tombstones (_deleted = true) too")
	fl.BoolVar(&opts.StripDataStore, "strip-datastore-fields", false, "remove _version, _lastChangedAt, _ttl (and _deleted when false)")
	fl.StringArrayVar(&opts.Renames, "rename-attribute", nil, "rename an attribute: OLD=NEW in every table, or MODEL:OLD=NEW (repeatable)")
	fl.StringVar(&opts.OwnerMap, "owner-map", "", "CSV of old_sub,new_sub[,new_username]: rewrite owner fields for users moved to a new user pool")
	fl.StringSliceVar(&opts.OwnerFields, "owner-field", []string{"owner"}, "attributes --owner-map rewrites (repeatable; strings, string sets and lists)")
	return cmd
}

// check validates the flags that do not need the world.
func (o *DataOptions) check() error {
	discovery := o.TargetOutputs != "" || o.TargetAPIID != ""
	switch {
	case len(o.Tables) > 0 && discovery:
		return usageErrorf("give either --table or --target-outputs/--target-api-id, not both")
	case len(o.Tables) > 0 && (len(o.Models) > 0 || o.SourceEnv != "" || o.SourceAPIID != ""):
		return usageErrorf("--model, --source-env and --source-api-id choose tables by discovery; with --table name the tables directly")
	case len(o.Tables) == 0 && !discovery:
		return usageErrorf("name the tables with --table SOURCE=TARGET, or the Gen 2 API with --target-outputs amplify_outputs.json or --target-api-id")
	case o.TargetOutputs != "" && o.TargetAPIID != "":
		return usageErrorf("give --target-outputs or --target-api-id, not both")
	case o.SourceAPIID != "" && o.SourceEnv != "":
		return usageErrorf("--source-api-id names the Gen 1 API directly; --source-env is not needed with it")
	case o.Segments < 1 || o.Segments > 1000:
		return usageErrorf("--segments must be between 1 and 1000, got %d", o.Segments)
	case o.Writers < 0 || o.Writers > 1024:
		return usageErrorf("--writers must be between 1 and 1024 (0 or unset: 4 per segment, at most 64), got %d", o.Writers)
	case o.MaxWCU < 0:
		return usageErrorf("--max-wcu must be positive")
	case o.MaxWCUShare < 0 || o.MaxWCUShare > 1:
		return usageErrorf("--max-wcu-share must be in (0, 1], got %g", o.MaxWCUShare)
	case o.DryRun && o.Verify:
		return usageErrorf("--verify compares what was written; a --dry-run writes nothing")
	case o.DryRun && o.Checkpoint != "":
		return usageErrorf("--dry-run writes no checkpoint; drop --checkpoint")
	case o.OwnerMap == "" && len(o.OwnerFields) > 0 && !(len(o.OwnerFields) == 1 && o.OwnerFields[0] == "owner"):
		return usageErrorf("--owner-field needs --owner-map")
	}
	for _, ep := range []string{o.SourceEndpoint, o.TargetEndpoint} {
		if ep != "" && !strings.HasPrefix(ep, "http://") && !strings.HasPrefix(ep, "https://") {
			return usageErrorf("endpoint %q: want a URL such as http://localhost:8000", ep)
		}
	}
	return nil
}

func (o *DataOptions) transform() (*datamove.Transform, error) {
	t := &datamove.Transform{KeepDeleted: o.KeepDeleted, StripDataStore: o.StripDataStore, OwnerFields: o.OwnerFields}
	for _, s := range o.Renames {
		r, err := datamove.ParseRename(s)
		if err != nil {
			return nil, usageErrorf("--rename-attribute: %v", err)
		}
		t.Renames = append(t.Renames, r)
	}
	if err := t.Validate(); err != nil {
		return nil, usageErrorf("--rename-attribute: %v", err)
	}
	if o.OwnerMap != "" {
		m, err := datamove.ReadOwnerMap(o.OwnerMap)
		if err != nil {
			return nil, &exitError{code: ExitFailure, err: fmt.Errorf("--owner-map: %w", err)}
		}
		t.Owners = m
	}
	return t, nil
}

func sdkConnect(ctx context.Context, s datamove.Side) (datamove.DynamoDB, datamove.AppSync, string, error) {
	c, err := datamove.NewSDKClients(ctx, s)
	if err != nil {
		return nil, nil, "", err
	}
	return c.DynamoDB, c.AppSync, c.Region, nil
}

func runData(f *Factory, opts *DataOptions) error {
	if err := opts.check(); err != nil {
		return err
	}
	tf, err := opts.transform()
	if err != nil {
		return err
	}
	connect := opts.connect
	if connect == nil {
		connect = sdkConnect
	}
	ctx, stop := signal.NotifyContext(f.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()

	conns := opts.Segments + max(opts.Writers, min(4*opts.Segments, 64))
	srcSide := datamove.Side{Profile: opts.SourceProfile, Region: opts.SourceRegion, Endpoint: opts.SourceEndpoint, Conns: conns}
	dstSide := datamove.Side{Profile: opts.TargetProfile, Region: opts.TargetRegion, Endpoint: opts.TargetEndpoint, Conns: conns}

	var plan *datamove.Plan
	var disc datamove.Discovery
	if len(opts.Tables) > 0 {
		plan = &datamove.Plan{}
		for _, s := range opts.Tables {
			tp, err := datamove.ParseTablePair(s)
			if err != nil {
				return usageErrorf("%v", err)
			}
			plan.Tables = append(plan.Tables, tp)
		}
		if err := plan.Validate(); err != nil {
			return usageErrorf("%v", err)
		}
	} else {
		disc.Only = opts.Models
		disc.TargetAPIID = opts.TargetAPIID
		if opts.TargetOutputs != "" {
			api, err := datamove.ReadOutputs(opts.TargetOutputs)
			if err != nil {
				return &exitError{code: ExitFailure, err: fmt.Errorf("--target-outputs: %w", err)}
			}
			disc.TargetAPIID = api.ID
			if dstSide.Region == "" {
				dstSide.Region = api.Region
			}
		}
		if opts.SourceAPIID != "" {
			disc.SourceAPIID = opts.SourceAPIID
		} else if err := sourceFromProject(f, opts, &disc, &srcSide); err != nil {
			return err
		}
	}

	src, srcAppSync, srcRegion, err := connect(ctx, srcSide)
	if err != nil {
		return &exitError{code: ExitFailure, err: fmt.Errorf("source: %w", err)}
	}
	dst, dstAppSync, dstRegion, err := connect(ctx, dstSide)
	if err != nil {
		return &exitError{code: ExitFailure, err: fmt.Errorf("target: %w", err)}
	}
	if plan == nil {
		disc.TargetAppSync = dstAppSync
		if opts.SourceAPIID != "" {
			disc.SourceAppSync = srcAppSync
		}
		plan, err = datamove.Discover(ctx, disc)
		if err != nil {
			return &exitError{code: ExitFailure, err: err}
		}
		if err := plan.Validate(); err != nil {
			return &exitError{code: ExitFailure, err: err}
		}
	}

	fmt.Fprintf(f.Out, "Source: %s; target: %s\n", describeSide(srcSide, srcRegion), describeSide(dstSide, dstRegion))
	datamove.WritePlan(f.Out, plan, opts.DryRun)

	var cp *datamove.Checkpoint
	if !opts.DryRun {
		cp, err = datamove.OpenCheckpoint(opts.Checkpoint, plan, opts.Segments, tf)
		if err != nil {
			return &exitError{code: ExitFailure, err: err}
		}
	}
	dlPath := opts.DeadLetter
	if opts.DryRun {
		dlPath = ""
	}
	dl := datamove.NewDeadLetter(dlPath)
	res, err := datamove.Copy(ctx, plan, datamove.Options{
		Source: src, Target: dst,
		Segments: opts.Segments, Writers: opts.Writers,
		MaxWCU: opts.MaxWCU, MaxWCUShare: opts.MaxWCUShare,
		Transform: tf, Checkpoint: cp, DeadLetter: dl,
		DryRun: opts.DryRun, Verify: opts.Verify,
		Progress: &datamove.Progress{Out: f.Out, Terminal: f.IsTerminal},
	})
	if err != nil {
		return &exitError{code: ExitFailure, err: err}
	}
	datamove.WriteSummary(f.Out, res, dl, opts.Checkpoint)
	if !res.OK() {
		return &exitError{code: ExitFailure, err: errors.New(failureMessage(res, dl))}
	}
	return nil
}

func failureMessage(res *datamove.Result, dl *datamove.DeadLetter) string {
	var parts []string
	for _, t := range res.Tables {
		if t.Err != nil {
			parts = append(parts, fmt.Sprintf("%s failed: %v", t.Pair.Source, t.Err))
		} else if t.Verify != nil && !t.Verify.Match {
			parts = append(parts, fmt.Sprintf("%s does not match %s", t.Pair.Target, t.Pair.Source))
		}
	}
	var earlier int64
	for _, t := range res.Tables {
		earlier += t.Total.DeadLettered - t.Run.DeadLettered
	}
	if earlier > 0 {
		parts = append(parts, fmt.Sprintf("%d item(s) dead-lettered by earlier runs are still not copied", earlier))
	}
	if res.DeadLettered > 0 {
		if res.DryRun {
			parts = append(parts, fmt.Sprintf("%d item(s) would go to the dead-letter file", res.DeadLettered))
		} else {
			parts = append(parts, fmt.Sprintf("%d item(s) were not copied: see %s", res.DeadLettered, dl.Path()))
		}
	}
	return strings.Join(parts, "; ")
}

func describeSide(s datamove.Side, region string) string {
	var parts []string
	if s.Endpoint != "" {
		parts = append(parts, s.Endpoint)
	} else {
		parts = append(parts, region)
	}
	if s.Profile != "" {
		parts = append(parts, "profile "+s.Profile)
	}
	return strings.Join(parts, ", ")
}

// sourceFromProject fills the source side of discovery from the Gen 1
// project: the API id from amplify-meta.json, the model names from the
// schema, the region from the deployment.
func sourceFromProject(f *Factory, opts *DataOptions, d *datamove.Discovery, side *datamove.Side) error {
	p, diags := readers.Read(opts.Path, readers.Options{})
	if p == nil {
		printDiagnostics(f, diags)
		return silentExit(ExitFailure)
	}
	apis := p.ByService(model.CategoryAPI, "AppSync")
	if len(apis) == 0 {
		return &exitError{code: ExitFailure, err: fmt.Errorf("the project at %s has no GraphQL API, so no model tables to copy", opts.Path)}
	}
	if len(apis) > 1 {
		return &exitError{code: ExitFailure, err: fmt.Errorf("the project has %d GraphQL APIs: give the one to copy with --source-api-id", len(apis))}
	}
	api := apis[0]
	env := opts.SourceEnv
	if env == "" {
		env = p.Env
	}
	if env == "" {
		return usageErrorf("the project has no current environment: give --source-env")
	}
	// amplify-meta.json describes the checked-out environment only; another
	// environment has its own API (and API id).
	if p.Env != "" && env != p.Env {
		return &exitError{code: ExitFailure, err: fmt.Errorf("amplify-meta.json describes environment %q, not %q: run `amplify env checkout %s` first, or give --source-api-id", p.Env, env, env)}
	}
	id := api.Outputs["GraphQLAPIIdOutput"]
	if id == "" {
		return &exitError{code: ExitFailure, err: fmt.Errorf("amplify-meta.json has no GraphQLAPIIdOutput for api %s: run `amplify pull`, or give --source-api-id", api.Name)}
	}
	// The schema gives the tables of models renamed with @mapsTo; the
	// model list comes from the reader when it has one.
	var schemaModels []string
	base := map[string]string{}
	for _, file := range api.GraphQL.SchemaFiles {
		data, err := os.ReadFile(filepath.Join(p.Root, filepath.FromSlash(file)))
		if err != nil {
			return &exitError{code: ExitFailure, err: fmt.Errorf("reading the schema: %w", err)}
		}
		ms, bs := datamove.SchemaTables(string(data))
		schemaModels = append(schemaModels, ms...)
		for k, v := range bs {
			base[k] = v
		}
	}
	models := api.GraphQL.Models
	if len(models) == 0 {
		models = schemaModels
	}
	if len(models) == 0 {
		return &exitError{code: ExitFailure, err: fmt.Errorf("the schema of api %s has no @model types", api.Name)}
	}
	d.Models, d.TableBase, d.SourceAPIID, d.SourceEnv = models, base, id, env
	if side.Region == "" && side.Endpoint == "" {
		side.Region = p.Deployment.Region
	}
	return nil
}
