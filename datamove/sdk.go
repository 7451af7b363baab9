package datamove

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/appsync"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// DynamoDB is what the copier needs from DynamoDB; *dynamodb.Client
// satisfies it.
type DynamoDB interface {
	Scan(ctx context.Context, in *dynamodb.ScanInput, optFns ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error)
	BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error)
	DescribeTable(ctx context.Context, in *dynamodb.DescribeTableInput, optFns ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error)
}

// Side is how to reach one side of a copy (source or target).
type Side struct {
	// Profile is a shared-config profile ("" for the default chain).
	Profile string
	// Region overrides the profile's region.
	Region string
	// Endpoint is a DynamoDB endpoint URL (DynamoDB Local and compatible
	// services); AppSync keeps its own endpoint.
	Endpoint string
	// Conns bounds the HTTP connections kept open; it should cover the
	// copy's concurrency (scan segments plus writers).
	Conns int
}

// Clients are the SDK clients of one side.
type Clients struct {
	DynamoDB *dynamodb.Client
	AppSync  *appsync.Client
	Region   string
}

// NewSDKClients builds the clients of one side from the default credential
// chain. SDK retries are off (aws.NopRetryer): the copier retries with its
// own backoff, without the SDK's retry quota, which runs dry under the
// sustained throttling a bulk copy meets.
func NewSDKClients(ctx context.Context, s Side) (*Clients, error) {
	var opts []func(*config.LoadOptions) error
	if s.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(s.Profile))
	}
	if s.Region != "" {
		opts = append(opts, config.WithRegion(s.Region))
	}
	conns := max(s.Conns, 16)
	hc := awshttp.NewBuildableClient().WithTimeout(2 * time.Minute).WithTransportOptions(func(t *http.Transport) {
		t.MaxIdleConns = conns * 2
		t.MaxIdleConnsPerHost = conns
	})
	opts = append(opts, config.WithHTTPClient(hc), config.WithRetryer(func() aws.Retryer { return aws.NopRetryer{} }))
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("loading AWS configuration: %w", err)
	}
	if cfg.Region == "" && s.Endpoint == "" {
		return nil, fmt.Errorf("no AWS region: set AWS_REGION, a region in the profile, or the --source-region/--target-region flag")
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1" // a local endpoint ignores it, but the signer needs one
	}
	ddb := dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
		if s.Endpoint != "" {
			o.BaseEndpoint = aws.String(s.Endpoint)
		}
	})
	// AppSync keeps the SDK's standard retries: a few listing calls.
	apps := appsync.NewFromConfig(cfg, func(o *appsync.Options) { o.Retryer = retry.NewStandard() })
	return &Clients{DynamoDB: ddb, AppSync: apps, Region: cfg.Region}, nil
}
