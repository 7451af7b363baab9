package datamove

import (
	"context"
	"sync"
	"time"
)

// Limiter is a token bucket of write capacity units per second. Writers take
// an estimate before a batch and settle the difference with what DynamoDB
// reports as consumed; the balance may go negative, which makes later
// writers wait. A nil *Limiter never waits.
type Limiter struct {
	mu     sync.Mutex
	rate   float64 // units per second
	burst  float64
	tokens float64
	last   time.Time
	now    func() time.Time
	sleep  func(context.Context, time.Duration) error
}

// NewLimiter allows rate units per second with a burst of one second's worth.
func NewLimiter(rate float64) *Limiter {
	if rate <= 0 {
		return nil
	}
	l := &Limiter{rate: rate, burst: max(rate, 25), now: time.Now, sleep: sleepCtx}
	l.last = l.now()
	l.tokens = l.burst
	return l
}

// Rate is the limit in units per second.
func (l *Limiter) Rate() float64 {
	if l == nil {
		return 0
	}
	return l.rate
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (l *Limiter) refill() {
	now := l.now()
	l.tokens += now.Sub(l.last).Seconds() * l.rate
	if l.tokens > l.burst {
		l.tokens = l.burst
	}
	l.last = now
}

// Wait takes n units, waiting until the bucket holds them. A request larger
// than the burst waits until the bucket is full and then overdraws it.
func (l *Limiter) Wait(ctx context.Context, n float64) error {
	if l == nil || n <= 0 {
		return nil
	}
	for {
		l.mu.Lock()
		l.refill()
		need := min(n, l.burst)
		if l.tokens >= need {
			l.tokens -= n
			l.mu.Unlock()
			return nil
		}
		wait := time.Duration((need - l.tokens) / l.rate * float64(time.Second))
		l.mu.Unlock()
		if err := l.sleep(ctx, max(wait, time.Millisecond)); err != nil {
			return err
		}
	}
}

// Adjust settles an estimate: positive delta takes more units, negative
// gives back units not consumed.
func (l *Limiter) Adjust(delta float64) {
	if l == nil || delta == 0 {
		return
	}
	l.mu.Lock()
	l.refill()
	l.tokens -= delta
	if l.tokens > l.burst {
		l.tokens = l.burst
	}
	l.mu.Unlock()
}
