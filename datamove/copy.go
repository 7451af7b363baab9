package datamove

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Options control a copy.
type Options struct {
	Source, Target DynamoDB

	// Segments is the parallel scan's TotalSegments (default 8).
	Segments int
	// Writers is the number of concurrent BatchWriteItem calls per table
	// (default 4 per segment... bounded to 64).
	Writers int
	// MaxWCU limits writes to this many write capacity units per second;
	// MaxWCUShare to this share of the target table's capacity. Zero: no limit.
	MaxWCU      float64
	MaxWCUShare float64
	// PageSize is the Scan Limit (0: DynamoDB's 1 MB pages).
	PageSize int32

	Transform  *Transform
	Checkpoint *Checkpoint
	DeadLetter *DeadLetter

	// DryRun scans and transforms but writes nothing (no checkpoint either).
	DryRun bool
	// Verify compares counts and content digests of source (after
	// transforms) and target once each table is copied.
	Verify bool

	Retry RetryPolicy
	// Progress reports on the copy; nil reports nothing.
	Progress *Progress
	// SaveInterval is how often the checkpoint is saved while pages
	// complete (default 1 s).
	SaveInterval time.Duration
}

func (o *Options) defaults() {
	if o.Segments <= 0 {
		o.Segments = 8
	}
	if o.Writers <= 0 {
		o.Writers = min(4*o.Segments, 64)
	}
	if o.Transform == nil {
		o.Transform = &Transform{}
	}
	if o.DeadLetter == nil {
		o.DeadLetter = NewDeadLetter("")
	}
	if o.Retry.MaxAttempts <= 0 {
		o.Retry = DefaultRetryPolicy
	}
	if o.SaveInterval <= 0 {
		o.SaveInterval = time.Second
	}
}

// Result is the outcome of a copy.
type Result struct {
	Tables []*TableResult
	// DeadLettered counts the items this run sent to the dead-letter file.
	DeadLettered int64
	DryRun       bool
	// Planned is the number of tables in the plan; Tables stops short of it
	// when a table failed.
	Planned int
}

// OK reports whether every table was copied (and verified, when asked)
// with no dead-lettered item.
// Items dead-lettered by earlier runs of a resumed copy count too: they are
// still not in the target.
func (r *Result) OK() bool {
	if r.DeadLettered > 0 || len(r.Tables) < r.Planned {
		return false
	}
	for _, t := range r.Tables {
		if t.Err != nil || (t.Verify != nil && !t.Verify.Match) || t.Total.DeadLettered > 0 {
			return false
		}
	}
	return true
}

// TableResult is the outcome of one table.
type TableResult struct {
	Pair TablePair
	// Run counts this run; Total adds earlier runs recorded in the checkpoint.
	Run, Total Counts
	// Resumed: the checkpoint held progress for the table; AlreadyDone: it
	// was complete, so nothing was scanned.
	Resumed, AlreadyDone bool
	Retries, Throttles   int64
	OwnersMapped         int64
	OwnersUnmapped       int64
	WCULimit             float64
	Duration             time.Duration
	Verify               *VerifyResult
	Err                  error
}

// Copy copies every table of the plan, one after the other, each with a
// parallel scan and a pool of writers. It stops at the first table that
// fails (the checkpoint keeps what was done); items that cannot be written
// go to the dead-letter file and make Result.OK false.
func Copy(ctx context.Context, plan *Plan, o Options) (*Result, error) {
	o.defaults()
	if o.Checkpoint == nil {
		cp, err := OpenCheckpoint("", plan, o.Segments, o.Transform)
		if err != nil {
			return nil, err
		}
		o.Checkpoint = cp
	}
	res := &Result{DryRun: o.DryRun, Planned: len(plan.Tables)}
	for i, pair := range plan.Tables {
		tr := &TableResult{Pair: pair}
		res.Tables = append(res.Tables, tr)
		if o.Checkpoint.TableDone(i) {
			tr.AlreadyDone = true
			tr.Total = o.Checkpoint.TableCounts(i)
		} else {
			copyTable(ctx, &o, i, tr)
		}
		if tr.Err == nil && o.Verify && !o.DryRun {
			if o.Progress != nil {
				o.Progress.Note("verifying %s → %s", pair.Source, pair.Target)
			}
			tr.Verify, tr.Err = VerifyTable(ctx, pair, &o)
		}
		if o.Progress != nil {
			o.Progress.TableDone(tr)
		}
		if tr.Err != nil {
			break
		}
	}
	res.DeadLettered = o.DeadLetter.Count()
	if err := o.DeadLetter.Close(); err != nil {
		return res, fmt.Errorf("closing the dead-letter file: %w", err)
	}
	return res, nil
}

// Live are the counters of the table being copied, read by the progress
// reporter while writers update them.
type Live struct {
	Scanned, Written, Skipped, DeadLettered, Retries, Throttles atomic.Int64
}

type keyAttr struct {
	name string
	typ  types.ScalarAttributeType
}

// tableRun is the copy of one table.
type tableRun struct {
	o      *Options
	idx    int
	pair   TablePair
	tt     *tableTransform
	key    []keyAttr
	wcuMul float64 // write units per KB: 1 + number of GSIs
	lim    *Limiter
	live   *Live

	ctx    context.Context
	cancel context.CancelFunc
	jobs   chan *batchJob
	// pages bounds the pages in flight over all segments, so that many
	// segments do not mean much memory.
	pages chan struct{}
	dirty atomic.Bool

	errMu sync.Mutex
	err   error
}

func (r *tableRun) fail(err error) {
	r.errMu.Lock()
	if r.err == nil {
		r.err = err
	}
	r.errMu.Unlock()
	r.cancel()
}

func (r *tableRun) failed() error {
	r.errMu.Lock()
	defer r.errMu.Unlock()
	return r.err
}

func copyTable(ctx context.Context, o *Options, idx int, tr *TableResult) {
	start := time.Now()
	r := &tableRun{o: o, idx: idx, pair: tr.Pair, tt: o.Transform.forTable(tr.Pair.Model, tr.Pair.Source), live: &Live{}}
	r.ctx, r.cancel = context.WithCancel(ctx)
	defer r.cancel()

	prev := o.Checkpoint.TableCounts(idx)
	tr.Resumed = prev.Scanned > 0
	estimate, err := r.prepare()
	if err != nil {
		tr.Err = err
		return
	}
	tr.WCULimit = r.lim.Rate()
	if o.Progress != nil {
		o.Progress.TableStart(tr.Pair, estimate, prev, r.live)
	}

	if !o.DryRun {
		r.jobs = make(chan *batchJob, 2*o.Writers)
	}
	r.pages = make(chan struct{}, min(pagesInFlight*o.Segments, maxPagesInFlight))
	var writers sync.WaitGroup
	for range o.Writers {
		if o.DryRun {
			break
		}
		writers.Add(1)
		go func() {
			defer writers.Done()
			for j := range r.jobs {
				r.runJob(j)
			}
		}()
	}
	saverDone := make(chan struct{})
	stopSaver := make(chan struct{})
	go r.saver(stopSaver, saverDone)

	var scanners sync.WaitGroup
	for s := range o.Segments {
		if o.Checkpoint.segment(idx, s).Done {
			continue
		}
		scanners.Add(1)
		go func() {
			defer scanners.Done()
			r.scanSegment(s)
		}()
	}
	scanners.Wait()
	if r.jobs != nil {
		close(r.jobs)
	}
	writers.Wait()
	close(stopSaver)
	<-saverDone

	tr.Err = r.failed()
	if ctx.Err() != nil && (tr.Err == nil || errors.Is(tr.Err, context.Canceled)) {
		tr.Err = errors.New("interrupted")
	}
	if tr.Err == nil {
		o.Checkpoint.markTableDone(idx)
		r.dirty.Store(true)
	}
	if !o.DryRun {
		if err := r.save(); err != nil && tr.Err == nil {
			tr.Err = err
		}
	}
	tr.Total = o.Checkpoint.TableCounts(idx)
	tr.Run = Counts{Scanned: r.live.Scanned.Load(), Written: r.live.Written.Load(), Skipped: r.live.Skipped.Load(), DeadLettered: r.live.DeadLettered.Load()}
	if o.DryRun {
		tr.Total = tr.Run
	}
	tr.Retries, tr.Throttles = r.live.Retries.Load(), r.live.Throttles.Load()
	tr.OwnersMapped, tr.OwnersUnmapped = r.tt.ownersMapped.Load(), r.tt.ownersUnmapped.Load()
	tr.Duration = time.Since(start)
}

// prepare describes both tables: the target's key schema, GSIs and
// capacity, and the source's approximate item count (for the ETA).
func (r *tableRun) prepare() (estimate int64, err error) {
	src, err := describe(r.ctx, r.o.Source, r.pair.Source, r.o.Retry)
	if err != nil {
		return 0, fmt.Errorf("source table %s: %w", r.pair.Source, err)
	}
	if src.ItemCount != nil {
		estimate = *src.ItemCount
	}
	dst, err := describe(r.ctx, r.o.Target, r.pair.Target, r.o.Retry)
	if err != nil {
		return 0, fmt.Errorf("target table %s: %w", r.pair.Target, err)
	}
	r.key, err = keyOf(dst)
	if err != nil {
		return 0, fmt.Errorf("target table %s: %w", r.pair.Target, err)
	}
	r.wcuMul = float64(1 + len(dst.GlobalSecondaryIndexes))
	rate := r.o.MaxWCU
	if r.o.MaxWCUShare > 0 {
		c, err := writeCapacity(dst)
		if err != nil {
			return 0, fmt.Errorf("--max-wcu-share: target table %s: %w", r.pair.Target, err)
		}
		share := c * r.o.MaxWCUShare
		if rate == 0 || share < rate {
			rate = share
		}
	}
	r.lim = NewLimiter(rate)
	return estimate, nil
}

func describe(ctx context.Context, c DynamoDB, table string, p RetryPolicy) (*types.TableDescription, error) {
	for attempt := 0; ; attempt++ {
		out, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
		if err == nil {
			if out.Table == nil {
				return nil, fmt.Errorf("DescribeTable returned no table")
			}
			return out.Table, nil
		}
		var nf *types.ResourceNotFoundException
		if errors.As(err, &nf) {
			return nil, fmt.Errorf("no such table in this account and region (check the profile, region or endpoint)")
		}
		k := classify(ctx, err)
		if k == errFatal || k == errInvalid || attempt+1 >= p.MaxAttempts {
			return nil, err
		}
		if err := p.sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
}

func keyOf(t *types.TableDescription) ([]keyAttr, error) {
	typ := map[string]types.ScalarAttributeType{}
	for _, d := range t.AttributeDefinitions {
		typ[aws.ToString(d.AttributeName)] = d.AttributeType
	}
	var key []keyAttr
	for _, k := range t.KeySchema {
		n := aws.ToString(k.AttributeName)
		key = append(key, keyAttr{name: n, typ: typ[n]})
	}
	if len(key) == 0 {
		return nil, fmt.Errorf("DescribeTable gave no key schema")
	}
	return key, nil
}

// writeCapacity is the target's write capacity per second: provisioned
// WCU, else the on-demand maximum, else the warm throughput.
func writeCapacity(t *types.TableDescription) (float64, error) {
	onDemand := t.BillingModeSummary != nil && t.BillingModeSummary.BillingMode == types.BillingModePayPerRequest
	if !onDemand && t.ProvisionedThroughput != nil && aws.ToInt64(t.ProvisionedThroughput.WriteCapacityUnits) > 0 {
		return float64(*t.ProvisionedThroughput.WriteCapacityUnits), nil
	}
	if t.OnDemandThroughput != nil && aws.ToInt64(t.OnDemandThroughput.MaxWriteRequestUnits) > 0 {
		return float64(*t.OnDemandThroughput.MaxWriteRequestUnits), nil
	}
	if t.WarmThroughput != nil && aws.ToInt64(t.WarmThroughput.WriteUnitsPerSecond) > 0 {
		return float64(*t.WarmThroughput.WriteUnitsPerSecond), nil
	}
	return 0, fmt.Errorf("the table reports no write capacity (on-demand with no maximum or warm throughput): give --max-wcu")
}

// page is one scan page on its way to the target.
type page struct {
	seg     *segmentRun
	lastKey Item
	// pending counts the page's batches not yet finished, plus one held by
	// the scanner until every batch is queued.
	pending atomic.Int32
	// failed: a batch was abandoned (the copy is stopping); the checkpoint
	// never moves past a failed page.
	failed  atomic.Bool
	written atomic.Int64
	dead    atomic.Int64
	scanned int64
	skipped int64
	done    bool
}

// segmentRun orders the pages of one scan segment: pages finish in any
// order, the checkpoint advances only over a prefix of finished pages.
type segmentRun struct {
	r     *tableRun
	n     int
	mu    sync.Mutex
	queue []*page
	slots chan struct{}
	wg    sync.WaitGroup
}

type batchJob struct {
	reqs []types.WriteRequest
	pg   *page
}

// pagesInFlight bounds the pages of a segment between scan and checkpoint;
// maxPagesInFlight those of a table. A page is at most 1 MB of items (a
// few MB as Go values), so the copier's memory stays bounded whatever the
// table size.
const (
	pagesInFlight    = 2
	maxPagesInFlight = 32
)

func (r *tableRun) scanSegment(n int) {
	seg := &segmentRun{r: r, n: n, slots: make(chan struct{}, pagesInFlight)}
	defer seg.wg.Wait()
	st := r.o.Checkpoint.segment(r.idx, n)
	var lek Item
	if len(st.LastKey) > 0 {
		k, err := UnmarshalItemJSON(st.LastKey)
		if err != nil {
			r.fail(fmt.Errorf("checkpoint: scan position of segment %d: %w", n, err))
			return
		}
		lek = k
	}
	for {
		select {
		case seg.slots <- struct{}{}:
		case <-r.ctx.Done():
			return
		}
		select {
		case r.pages <- struct{}{}:
		case <-r.ctx.Done():
			<-seg.slots
			return
		}
		out, err := r.scan(n, lek)
		if err != nil {
			<-r.pages
			<-seg.slots
			r.fail(fmt.Errorf("scanning %s (segment %d): %w", r.pair.Source, n, err))
			return
		}
		pg := &page{seg: seg, lastKey: out.LastEvaluatedKey, scanned: int64(len(out.Items))}
		seg.mu.Lock()
		seg.queue = append(seg.queue, pg)
		seg.mu.Unlock()
		seg.wg.Add(1)
		r.live.Scanned.Add(pg.scanned)
		r.dispatch(pg, out.Items)
		if len(out.LastEvaluatedKey) == 0 {
			return
		}
		lek = out.LastEvaluatedKey
	}
}

func (r *tableRun) scan(seg int, lek Item) (*dynamodb.ScanOutput, error) {
	return scanPage(r.ctx, r.o, r.o.Source, r.pair.Source, seg, lek, r.live)
}

// scanPage reads one page of a segment, retrying throttling, 5xx and
// dropped connections.
func scanPage(ctx context.Context, o *Options, c DynamoDB, table string, seg int, lek Item, live *Live) (*dynamodb.ScanOutput, error) {
	in := &dynamodb.ScanInput{
		TableName:         aws.String(table),
		Segment:           aws.Int32(int32(seg)),
		TotalSegments:     aws.Int32(int32(o.Segments)),
		ExclusiveStartKey: lek,
	}
	if o.PageSize > 0 {
		in.Limit = aws.Int32(o.PageSize)
	}
	for attempt := 0; ; attempt++ {
		out, err := c.Scan(ctx, in)
		if err == nil {
			return out, nil
		}
		k := classify(ctx, err)
		if k == errFatal || k == errInvalid || attempt+1 >= o.Retry.MaxAttempts {
			return nil, err
		}
		live.Retries.Add(1)
		if k == errThrottle {
			live.Throttles.Add(1)
		}
		if err := o.Retry.sleep(ctx, attempt); err != nil {
			return nil, err
		}
	}
}

// dispatch transforms a page's items, dead-letters the invalid ones and
// queues the rest in batches of 25.
func (r *tableRun) dispatch(pg *page, items []Item) {
	pg.pending.Store(1)
	var batch []types.WriteRequest
	keys := map[string]bool{}
	send := func() bool {
		if len(batch) == 0 {
			return true
		}
		b := batch
		batch = nil
		clear(keys)
		if r.o.DryRun {
			pg.written.Add(int64(len(b)))
			r.live.Written.Add(int64(len(b)))
			return true
		}
		pg.pending.Add(1)
		select {
		case r.jobs <- &batchJob{reqs: b, pg: pg}:
			return true
		case <-r.ctx.Done():
			pg.failed.Store(true)
			pg.pending.Add(-1)
			return false
		}
	}
	for _, it := range items {
		oc, reason := r.tt.apply(it)
		switch oc {
		case skipTombstone:
			pg.skipped++
			r.live.Skipped.Add(1)
			continue
		case keep:
			reason = r.check(it)
		}
		if reason != "" {
			if !r.deadLetter(pg, it, reason) {
				break
			}
			continue
		}
		k := r.keyString(it)
		if keys[k] {
			// Two items with one target key in a batch is a ValidationException.
			if !send() {
				break
			}
		}
		keys[k] = true
		batch = append(batch, types.WriteRequest{PutRequest: &types.PutRequest{Item: it}})
		if len(batch) == 25 && !send() {
			break
		}
	}
	send()
	r.finishBatch(pg)
}

// check validates a transformed item against the target: its size and key.
func (r *tableRun) check(it Item) string {
	if n := ItemSize(it); n > MaxItemSize {
		return fmt.Sprintf("item is %d bytes after transforms, over DynamoDB's 400 KB limit", n)
	}
	for _, k := range r.key {
		v, ok := it[k.name]
		if !ok {
			return fmt.Sprintf("item has no %q, a key attribute of the target table", k.name)
		}
		var got types.ScalarAttributeType
		switch v.(type) {
		case *types.AttributeValueMemberS:
			got = types.ScalarAttributeTypeS
		case *types.AttributeValueMemberN:
			got = types.ScalarAttributeTypeN
		case *types.AttributeValueMemberB:
			got = types.ScalarAttributeTypeB
		}
		if k.typ != "" && got != k.typ {
			return fmt.Sprintf("key attribute %q is not of type %s as the target table wants", k.name, k.typ)
		}
	}
	return ""
}

func (r *tableRun) keyString(it Item) string {
	var buf []byte
	for _, k := range r.key {
		buf = appendCanonical(buf, it[k.name])
	}
	return string(buf)
}

// deadLetter records an item that will not be written; false when even
// that failed (the copy stops, the page is not checkpointed).
func (r *tableRun) deadLetter(pg *page, it Item, reason string) bool {
	if err := r.o.DeadLetter.Write(r.pair, it, reason); err != nil {
		pg.failed.Store(true)
		r.fail(err)
		return false
	}
	pg.dead.Add(1)
	r.live.DeadLettered.Add(1)
	return true
}

// finishBatch releases one of the page's pending counts; the last one
// completes the page.
func (r *tableRun) finishBatch(pg *page) {
	if pg.pending.Add(-1) == 0 {
		pg.seg.complete(pg)
	}
}

// complete marks a page finished and moves the checkpoint over every
// leading finished page of the segment.
func (s *segmentRun) complete(pg *page) {
	s.mu.Lock()
	pg.done = true
	for len(s.queue) > 0 && s.queue[0].done && !s.queue[0].failed.Load() {
		p := s.queue[0]
		s.queue = s.queue[1:]
		n := Counts{Scanned: p.scanned, Written: p.written.Load(), Skipped: p.skipped, DeadLettered: p.dead.Load()}
		if err := s.r.o.Checkpoint.advance(s.r.idx, s.n, p.lastKey, len(p.lastKey) == 0, n); err != nil {
			s.r.fail(err)
		}
		s.r.dirty.Store(true)
	}
	s.mu.Unlock()
	<-s.r.pages
	<-s.slots
	s.wg.Done()
}

// runJob writes one batch, then releases it from its page.
func (r *tableRun) runJob(j *batchJob) {
	defer r.finishBatch(j.pg)
	if r.ctx.Err() != nil {
		j.pg.failed.Store(true)
		return
	}
	if err := r.writeBatch(j.pg, j.reqs); err != nil {
		j.pg.failed.Store(true)
		if r.ctx.Err() == nil {
			r.fail(fmt.Errorf("writing to %s: %w", r.pair.Target, err))
		}
	}
}

// writeBatch writes reqs, retrying UnprocessedItems, throttling, 5xx and
// dropped connections with exponential backoff and jitter. A batch the
// service rejects as invalid is split in halves until the offending item
// is alone, which goes to the dead-letter file with the service's message;
// so do items still unwritten after Retry.MaxAttempts attempts without
// progress. It returns an error only when the copy must stop (bad
// credentials, missing table, cancelled, dead-letter file unwritable); the
// page is then not checkpointed.
func (r *tableRun) writeBatch(pg *page, reqs []types.WriteRequest) error {
	p := r.o.Retry
	stalled, retries := 0, 0
	var lastErr string
	for len(reqs) > 0 {
		est := r.estimate(reqs)
		if err := r.lim.Wait(r.ctx, est); err != nil {
			return err
		}
		in := &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{r.pair.Target: reqs}}
		if r.lim != nil {
			// What was really consumed settles the limiter's estimate.
			in.ReturnConsumedCapacity = types.ReturnConsumedCapacityTotal
		}
		out, err := r.o.Target.BatchWriteItem(r.ctx, in)
		if err != nil {
			r.lim.Adjust(-est)
			switch classify(r.ctx, err) {
			case errFatal:
				return err
			case errInvalid:
				if len(reqs) == 1 {
					if !r.deadLetter(pg, reqs[0].PutRequest.Item, "rejected by the target: "+err.Error()) {
						return r.failed()
					}
					return nil
				}
				half := len(reqs) / 2
				if err := r.writeBatch(pg, reqs[:half]); err != nil {
					return err
				}
				return r.writeBatch(pg, reqs[half:])
			case errThrottle:
				r.live.Throttles.Add(1)
			}
			lastErr = err.Error()
			stalled++
		} else {
			consumed := 0.0
			for _, c := range out.ConsumedCapacity {
				consumed += aws.ToFloat64(c.CapacityUnits)
			}
			if len(out.ConsumedCapacity) > 0 {
				r.lim.Adjust(consumed - est)
			}
			left := out.UnprocessedItems[r.pair.Target]
			done := len(reqs) - len(left)
			pg.written.Add(int64(done))
			r.live.Written.Add(int64(done))
			if len(left) == 0 {
				return nil
			}
			r.live.Throttles.Add(1)
			if done > 0 {
				stalled = 0
			} else {
				stalled++
			}
			lastErr = "still in UnprocessedItems (throttled)"
			reqs = left
		}
		if stalled >= p.MaxAttempts {
			reason := fmt.Sprintf("not written after %d attempts without progress: %s", stalled, lastErr)
			for _, q := range reqs {
				if !r.deadLetter(pg, q.PutRequest.Item, reason) {
					return r.failed()
				}
			}
			return nil
		}
		r.live.Retries.Add(1)
		if err := p.sleep(r.ctx, retries); err != nil {
			return err
		}
		retries++
	}
	return nil
}

// estimate is the write units a batch will take: one per started KB per
// item, times the table and each GSI.
func (r *tableRun) estimate(reqs []types.WriteRequest) float64 {
	if r.lim == nil {
		return 0
	}
	n := 0.0
	for _, q := range reqs {
		n += math.Ceil(float64(max(ItemSize(q.PutRequest.Item), 1)) / 1024)
	}
	return n * r.wcuMul
}

// saver saves the checkpoint while pages complete.
func (r *tableRun) saver(stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	if r.o.DryRun {
		<-stop
		return
	}
	t := time.NewTicker(r.o.SaveInterval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			if err := r.save(); err != nil {
				r.fail(err)
				return
			}
		}
	}
}

// save makes dead-letter lines durable, then saves the checkpoint that
// may point past their pages.
func (r *tableRun) save() error {
	if !r.dirty.Swap(false) {
		return nil
	}
	if err := r.o.DeadLetter.Sync(); err != nil {
		return fmt.Errorf("syncing the dead-letter file: %w", err)
	}
	return r.o.Checkpoint.Save()
}
