package datamove

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
)

// fakeDB is an in-memory DynamoDB for hermetic tests of the engine: tables
// keyed by "id" (S), parallel scan by key hash, and hooks to inject faults.
type fakeDB struct {
	mu     sync.Mutex
	tables map[string]map[string]Item
	gsis   int
	wcu    int64
	// pageSize is the scan page size.
	pageSize int
	// beforeWrite may fail a BatchWriteItem call or choose items to leave
	// unprocessed (returned indexes).
	beforeWrite func(call int, reqs []types.WriteRequest) (unprocessed []int, err error)
	beforeScan  func(call int) error
	writeCalls  int
	scanCalls   int
}

func newFakeDB(tables ...string) *fakeDB {
	f := &fakeDB{tables: map[string]map[string]Item{}, pageSize: 7}
	for _, t := range tables {
		f.tables[t] = map[string]Item{}
	}
	return f
}

func (f *fakeDB) put(table string, it Item) {
	f.tables[table][it["id"].(*types.AttributeValueMemberS).Value] = it
}

func segOf(id string, total int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(total))
}

func (f *fakeDB) Scan(ctx context.Context, in *dynamodb.ScanInput, _ ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error) {
	f.mu.Lock()
	f.scanCalls++
	call := f.scanCalls
	hook := f.beforeScan
	f.mu.Unlock()
	if hook != nil {
		if err := hook(call); err != nil {
			return nil, err
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.tables[*in.TableName]
	if !ok {
		return nil, &types.ResourceNotFoundException{Message: aws.String("no table")}
	}
	var ids []string
	for id := range t {
		if segOf(id, int(*in.TotalSegments)) == int(*in.Segment) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	start := 0
	if in.ExclusiveStartKey != nil {
		last := in.ExclusiveStartKey["id"].(*types.AttributeValueMemberS).Value
		start = sort.SearchStrings(ids, last)
		if start < len(ids) && ids[start] == last {
			start++
		}
	}
	n := f.pageSize
	if in.Limit != nil {
		n = int(*in.Limit)
	}
	out := &dynamodb.ScanOutput{}
	for i := start; i < len(ids) && i < start+n; i++ {
		out.Items = append(out.Items, copyItem(t[ids[i]]))
		if i == start+n-1 && i < len(ids)-1 {
			out.LastEvaluatedKey = Item{"id": &types.AttributeValueMemberS{Value: ids[i]}}
		}
	}
	out.Count = int32(len(out.Items))
	return out, nil
}

func copyItem(it Item) Item {
	b, _ := MarshalItemJSON(it)
	c, _ := UnmarshalItemJSON(b)
	return c
}

func (f *fakeDB) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	f.writeCalls++
	call := f.writeCalls
	hook := f.beforeWrite
	f.mu.Unlock()
	out := &dynamodb.BatchWriteItemOutput{UnprocessedItems: map[string][]types.WriteRequest{}}
	for table, reqs := range in.RequestItems {
		if len(reqs) > 25 {
			return nil, &smithy.GenericAPIError{Code: "ValidationException", Message: "too many items"}
		}
		seen := map[string]bool{}
		for _, r := range reqs {
			id, ok := r.PutRequest.Item["id"].(*types.AttributeValueMemberS)
			if !ok {
				return nil, &smithy.GenericAPIError{Code: "ValidationException", Message: "missing key id"}
			}
			if seen[id.Value] {
				return nil, &smithy.GenericAPIError{Code: "ValidationException", Message: "duplicate key"}
			}
			seen[id.Value] = true
			if _, bad := r.PutRequest.Item["poison"]; bad {
				return nil, &smithy.GenericAPIError{Code: "ValidationException", Message: "One or more parameter values were invalid: poison"}
			}
		}
		var skip map[int]bool
		if hook != nil {
			idx, err := hook(call, reqs)
			if err != nil {
				return nil, err
			}
			skip = map[int]bool{}
			for _, i := range idx {
				skip[i] = true
			}
		}
		f.mu.Lock()
		t, ok := f.tables[table]
		if !ok {
			f.mu.Unlock()
			return nil, &types.ResourceNotFoundException{Message: aws.String("no table " + table)}
		}
		units := 0.0
		for i, r := range reqs {
			if skip[i] {
				out.UnprocessedItems[table] = append(out.UnprocessedItems[table], r)
				continue
			}
			it := copyItem(r.PutRequest.Item)
			t[it["id"].(*types.AttributeValueMemberS).Value] = it
			units++
		}
		f.mu.Unlock()
		out.ConsumedCapacity = append(out.ConsumedCapacity, types.ConsumedCapacity{TableName: aws.String(table), CapacityUnits: aws.Float64(units)})
	}
	return out, nil
}

func (f *fakeDB) DescribeTable(ctx context.Context, in *dynamodb.DescribeTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.tables[*in.TableName]
	if !ok {
		return nil, &types.ResourceNotFoundException{Message: aws.String("Requested resource not found")}
	}
	d := &types.TableDescription{
		TableName:            in.TableName,
		ItemCount:            aws.Int64(int64(len(t))),
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
	}
	for i := range f.gsis {
		d.GlobalSecondaryIndexes = append(d.GlobalSecondaryIndexes, types.GlobalSecondaryIndexDescription{IndexName: aws.String(fmt.Sprint("gsi", i))})
	}
	if f.wcu > 0 {
		d.BillingModeSummary = &types.BillingModeSummary{BillingMode: types.BillingModeProvisioned}
		d.ProvisionedThroughput = &types.ProvisionedThroughputDescription{WriteCapacityUnits: aws.Int64(f.wcu)}
	}
	return &dynamodb.DescribeTableOutput{Table: d}, nil
}

func (f *fakeDB) items(table string) map[string]Item {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]Item{}
	for k, v := range f.tables[table] {
		out[k] = v
	}
	return out
}

var errDropped = errors.New("read tcp 127.0.0.1:1234->127.0.0.1:8000: read: connection reset by peer")
