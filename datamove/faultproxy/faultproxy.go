// Package faultproxy is an HTTP proxy for DynamoDB's JSON protocol that
// injects the faults DynamoDB Local never produces: throttling errors, 5xx,
// connections dropped before or after the request reached the table, and
// partial BatchWriteItem results with UnprocessedItems (the first items are
// really written, the rest handed back, as DynamoDB does).
package faultproxy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
)

// Rule says, for the n-th call of an operation (from 1), which fault to
// inject; "" forwards the call untouched.
type Rule func(op string, n int) Fault

// Fault is an injected failure.
type Fault string

const (
	None        Fault = ""
	Throttle    Fault = "throttle"    // 400 ProvisionedThroughputExceededException
	ServerError Fault = "5xx"         // 500 InternalServerError
	DropBefore  Fault = "drop-before" // connection closed, request not forwarded
	DropAfter   Fault = "drop-after"  // request forwarded and applied, connection closed before the answer
	Partial     Fault = "partial"     // BatchWriteItem: half written, half in UnprocessedItems
)

// Proxy is a running fault-injecting proxy.
type Proxy struct {
	URL      string
	upstream string
	rule     Rule
	srv      *http.Server
	ln       net.Listener
	client   *http.Client

	mu     sync.Mutex
	calls  map[string]int
	counts map[Fault]int
	total  atomic.Int64
}

// Start listens on a free loopback port and forwards to upstream.
func Start(upstream string, rule Rule) (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{URL: "http://" + ln.Addr().String(), upstream: upstream, rule: rule, ln: ln,
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128}},
		calls:  map[string]int{}, counts: map[Fault]int{}}
	p.srv = &http.Server{Handler: p}
	go p.srv.Serve(ln)
	return p, nil
}

// Close stops the proxy.
func (p *Proxy) Close() { p.srv.Close() }

// Counts returns how many times each fault was injected.
func (p *Proxy) Counts() map[Fault]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[Fault]int{}
	for k, v := range p.counts {
		out[k] = v
	}
	return out
}

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	op := r.Header.Get("X-Amz-Target")
	if i := strings.LastIndexByte(op, '.'); i >= 0 {
		op = op[i+1:]
	}
	p.mu.Lock()
	p.calls[op]++
	n := p.calls[op]
	p.mu.Unlock()
	f := None
	if p.rule != nil {
		f = p.rule(op, n)
	}
	if f == Partial && op != "BatchWriteItem" {
		f = None
	}
	if f != None {
		p.mu.Lock()
		p.counts[f]++
		p.mu.Unlock()
	}
	switch f {
	case Throttle:
		writeError(w, 400, "ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded (injected)")
		return
	case ServerError:
		writeError(w, 500, "InternalServerError", "Internal server error (injected)")
		return
	case DropBefore:
		drop(w)
		return
	case Partial:
		p.partial(w, r, body)
		return
	}
	status, hdr, resp, err := p.forward(r, body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	if f == DropAfter {
		drop(w)
		return
	}
	for k, vs := range hdr {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.WriteHeader(status)
	w.Write(resp)
}

func (p *Proxy) forward(r *http.Request, body []byte) (int, http.Header, []byte, error) {
	req, err := http.NewRequest(r.Method, p.upstream+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil, err
	}
	for k, vs := range r.Header {
		if k == "Content-Length" {
			continue
		}
		req.Header[k] = vs
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	hdr := resp.Header.Clone()
	hdr.Del("Content-Length")
	return resp.StatusCode, hdr, data, err
}

// partial forwards the first half of each table's requests and answers
// with the other half in UnprocessedItems.
func (p *Proxy) partial(w http.ResponseWriter, r *http.Request, body []byte) {
	var in map[string]json.RawMessage
	if err := json.Unmarshal(body, &in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var items map[string][]json.RawMessage
	if err := json.Unmarshal(in["RequestItems"], &items); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	sent := map[string][]json.RawMessage{}
	left := map[string][]json.RawMessage{}
	for t, reqs := range items {
		half := len(reqs) / 2
		if half > 0 {
			sent[t] = reqs[:half]
		}
		left[t] = reqs[half:]
	}
	out := map[string]any{"UnprocessedItems": left}
	if len(sent) > 0 {
		in["RequestItems"], _ = json.Marshal(sent)
		fwd, _ := json.Marshal(in)
		status, _, resp, err := p.forward(r, fwd)
		if err != nil || status != 200 {
			http.Error(w, fmt.Sprintf("upstream: %v %s", err, resp), http.StatusBadGateway)
			return
		}
		var up map[string]json.RawMessage
		if json.Unmarshal(resp, &up) == nil && up["ConsumedCapacity"] != nil {
			out["ConsumedCapacity"] = up["ConsumedCapacity"]
		}
	}
	data, _ := json.Marshal(out)
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.WriteHeader(200)
	w.Write(data)
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	data, _ := json.Marshal(map[string]string{"__type": "com.amazonaws.dynamodb.v20120810#" + code, "message": msg})
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.WriteHeader(status)
	w.Write(data)
}

// drop closes the client's connection without an answer.
func drop(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("faultproxy: cannot hijack the connection")
	}
	conn, _, err := hj.Hijack()
	if err == nil {
		if tc, ok := conn.(*net.TCPConn); ok {
			tc.SetLinger(0) // RST, as a dropped connection looks
		}
		conn.Close()
	}
}
