package datamove

import (
	"context"
	"crypto/sha256"
	"fmt"
	"sort"
	"sync"
)

// VerifyResult compares a source table (after transforms) with its target.
type VerifyResult struct {
	Source, Target Digest
	// Match: same count and same content digest.
	Match bool
	// DiffBuckets are the key buckets that differ.
	DiffBuckets []int
	// Examples name a few differing items (by key) when few buckets differ.
	Examples []string
}

// maxDrillBuckets bounds the second pass that names differing items: it
// holds a hash per item of the differing buckets (1/256 of the table each).
const maxDrillBuckets = 8

const maxExamples = 10

// VerifyTable scans both tables in parallel and compares the item counts
// and order-independent digests of the source after transforms (tombstones
// skipped, renames and owner mapping applied) and of the target. Items are
// bucketed by their target key; when few buckets differ, a second pass
// names up to ten differing items.
func VerifyTable(ctx context.Context, pair TablePair, o *Options) (*VerifyResult, error) {
	o.defaults()
	dst, err := describe(ctx, o.Target, pair.Target, o.Retry)
	if err != nil {
		return nil, fmt.Errorf("target table %s: %w", pair.Target, err)
	}
	ka, err := keyOf(dst)
	if err != nil {
		return nil, err
	}
	key := make([]string, len(ka))
	for i, k := range ka {
		key[i] = k.name
	}
	tt := o.Transform.forTable(pair.Model, pair.Source)
	res := &VerifyResult{}
	// One digest per segment, merged at the end: hashing needs no lock.
	srcDigests := make([]Digest, o.Segments)
	dstDigests := make([]Digest, o.Segments)
	var wg sync.WaitGroup
	var serr, terr error
	wg.Add(2)
	go func() {
		defer wg.Done()
		serr = scanAll(ctx, o, o.Source, pair.Source, tt, func(it Item, s int) { srcDigests[s].Add(it, key) }, false)
	}()
	go func() {
		defer wg.Done()
		terr = scanAll(ctx, o, o.Target, pair.Target, nil, func(it Item, s int) { dstDigests[s].Add(it, key) }, false)
	}()
	wg.Wait()
	for s := range o.Segments {
		res.Source.Merge(&srcDigests[s])
		res.Target.Merge(&dstDigests[s])
	}
	if serr != nil {
		return nil, fmt.Errorf("verifying: scanning %s: %w", pair.Source, serr)
	}
	if terr != nil {
		return nil, fmt.Errorf("verifying: scanning %s: %w", pair.Target, terr)
	}
	res.DiffBuckets = res.Source.DiffBuckets(&res.Target)
	res.Match = len(res.DiffBuckets) == 0
	if !res.Match && len(res.DiffBuckets) <= maxDrillBuckets {
		ex, err := drill(ctx, o, pair, tt, key, res.DiffBuckets)
		if err != nil {
			return nil, err
		}
		res.Examples = ex
	}
	return res, nil
}

// scanAll scans a table with o.Segments parallel segments and calls fn for
// each item (under a lock when serial is true), after tt when it is not
// nil (tombstones are skipped).
func scanAll(ctx context.Context, o *Options, c DynamoDB, table string, tt *tableTransform, fn func(Item, int), serial bool) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make([]error, o.Segments)
	for s := range o.Segments {
		wg.Add(1)
		go func() {
			defer wg.Done()
			live := &Live{}
			var lek Item
			for {
				out, err := scanPage(ctx, o, c, table, s, lek, live)
				if err != nil {
					errs[s] = err
					cancel()
					return
				}
				if serial {
					mu.Lock()
				}
				for _, it := range out.Items {
					if tt != nil {
						if oc, _ := tt.apply(it); oc == skipTombstone {
							continue
						}
					}
					fn(it, s)
				}
				if serial {
					mu.Unlock()
				}
				if len(out.LastEvaluatedKey) == 0 {
					return
				}
				lek = out.LastEvaluatedKey
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

// drill collects the items of the differing buckets on both sides and
// names those missing, extra or different.
func drill(ctx context.Context, o *Options, pair TablePair, tt *tableTransform, key []string, buckets []int) ([]string, error) {
	want := map[int]bool{}
	for _, b := range buckets {
		want[b] = true
	}
	collect := func(c DynamoDB, table string, tt *tableTransform) (map[string][sha256.Size]byte, error) {
		m := map[string][sha256.Size]byte{}
		err := scanAll(ctx, o, c, table, tt, func(it Item, _ int) {
			if !want[KeyBucket(it, key)] {
				return
			}
			k := Item{}
			for _, n := range key {
				if v, ok := it[n]; ok {
					k[n] = v
				}
			}
			kj, _ := MarshalItemJSON(k)
			m[string(kj)] = ItemHash(it)
		}, true)
		return m, err
	}
	src, err := collect(o.Source, pair.Source, tt)
	if err != nil {
		return nil, err
	}
	dst, err := collect(o.Target, pair.Target, nil)
	if err != nil {
		return nil, err
	}
	var out []string
	for k, h := range src {
		if th, ok := dst[k]; !ok {
			out = append(out, "missing in target: "+k)
		} else if th != h {
			out = append(out, "different in target: "+k)
		}
	}
	for k := range dst {
		if _, ok := src[k]; !ok {
			out = append(out, "only in target: "+k)
		}
	}
	sort.Strings(out)
	if len(out) > maxExamples {
		out = append(out[:maxExamples], fmt.Sprintf("... and %d more", len(out)-maxExamples))
	}
	return out, nil
}
