package datamove

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// RetryPolicy is our own retry policy for every DynamoDB call. The SDK's
// standard retryer spends tokens from a shared quota and fails with "retry
// quota exceeded" under sustained throttling, so clients are built with it
// off (see NewSDKClients) and we back off here instead.
type RetryPolicy struct {
	// MaxAttempts bounds attempts that make no progress (a batch whose
	// UnprocessedItems shrink resets the count).
	MaxAttempts int
	// Base and Max bound the exponential backoff; each delay is drawn at
	// random in [0, min(Max, Base·2^attempt)] ("full jitter").
	Base, Max time.Duration
}

// DefaultRetryPolicy gives a throttled batch about five minutes.
var DefaultRetryPolicy = RetryPolicy{MaxAttempts: 15, Base: 50 * time.Millisecond, Max: 30 * time.Second}

func (p RetryPolicy) delay(attempt int) time.Duration {
	d := p.Base << min(attempt, 30)
	if d <= 0 || d > p.Max {
		d = p.Max
	}
	return time.Duration(rand.Int64N(int64(d) + 1))
}

// sleep waits for the attempt's backoff or the context.
func (p RetryPolicy) sleep(ctx context.Context, attempt int) error {
	t := time.NewTimer(p.delay(attempt))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// errKind classifies a failed call.
type errKind int

const (
	errRetry    errKind = iota // throttling, 5xx, dropped connection: try again
	errThrottle                // throttling: try again, and count it as such
	errInvalid                 // the request is wrong (ValidationException): retrying will not help
	errFatal                   // credentials, missing table, cancelled: stop
)

var retryables = retry.IsErrorRetryables(retry.DefaultRetryables)
var throttles = retry.IsErrorThrottles(retry.DefaultThrottles)

func classify(ctx context.Context, err error) errKind {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		return errFatal
	}
	if throttles.IsErrorThrottle(err) == aws.TrueTernary {
		return errThrottle
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "ValidationException", "SerializationException", "ItemCollectionSizeLimitExceededException":
			return errInvalid
		case "InternalServerError", "InternalFailure", "ServiceUnavailable", "RequestTimeout", "RequestTimeoutException":
			return errRetry
		}
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		if re.HTTPStatusCode() >= 500 {
			return errRetry
		}
		if re.HTTPStatusCode() >= 400 && re.HTTPStatusCode() != http.StatusTooManyRequests {
			return errFatal
		}
	}
	if retryables.IsErrorRetryable(err) == aws.TrueTernary {
		return errRetry
	}
	if api != nil {
		// An error code we do not know, without a status: not worth retrying blindly.
		return errFatal
	}
	// A transport error the SDK does not recognise (a connection dropped
	// mid-response, an unexpected EOF): the request may or may not have been
	// applied, and puts are idempotent, so send it again.
	return errRetry
}
