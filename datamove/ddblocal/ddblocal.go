// Package ddblocal starts DynamoDB Local (the jar that the npm package
// amplify-dynamodb-simulator ships) for real-component tests, and builds SDK
// clients for it.
package ddblocal

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// EnvReal turns on real-component tests; EnvToolchain names the npm
// toolchain folder.
const (
	EnvReal      = "MIGRATE_REAL_TESTS"
	EnvToolchain = "AMPLIFY_MIGRATE_TOOLCHAIN"
)

// Enabled reports whether real-component tests are on.
func Enabled() bool { return os.Getenv(EnvReal) != "" }

// Instance is a running DynamoDB Local.
type Instance struct {
	Endpoint string
	cmd      *exec.Cmd
	done     chan struct{}
	log      *os.File
}

// Emulator returns the folder holding DynamoDBLocal.jar.
func Emulator() (string, error) {
	dir := os.Getenv(EnvToolchain)
	if dir == "" {
		_, file, _, _ := runtime.Caller(0)
		dir = filepath.Join(filepath.Dir(file), "..", "..", ".cache", "toolchain")
	}
	emu := filepath.Join(dir, "node_modules", "amplify-dynamodb-simulator", "emulator")
	if _, err := os.Stat(filepath.Join(emu, "DynamoDBLocal.jar")); err != nil {
		return "", fmt.Errorf("DynamoDB Local not found in %s (run `make toolchain`, or set %s): %w", emu, EnvToolchain, err)
	}
	return emu, nil
}

// Start runs DynamoDB Local in memory on a free port and waits until it
// answers. heap is the JVM -Xmx ("" for the JVM's default).
func Start(heap string) (*Instance, error) {
	emu, err := Emulator()
	if err != nil {
		return nil, err
	}
	java, err := exec.LookPath("java")
	if err != nil {
		return nil, fmt.Errorf("java is needed for DynamoDB Local: %w", err)
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	args := []string{}
	if heap != "" {
		// A heap that starts at its full size: a growing heap makes the
		// first minutes slower than the rest, which skews measurements.
		args = append(args, "-Xms"+heap, "-Xmx"+heap)
	}
	args = append(args, "-Djava.library.path="+filepath.Join(emu, "DynamoDBLocal_lib"), "-jar", filepath.Join(emu, "DynamoDBLocal.jar"),
		"-inMemory", "-sharedDb", "-disableTelemetry", "-port", fmt.Sprint(port))
	log, err := os.CreateTemp("", "ddblocal-*.log")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(java, args...)
	cmd.Dir = emu
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("starting DynamoDB Local: %w", err)
	}
	in := &Instance{Endpoint: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, done: make(chan struct{}), log: log}
	go func() { cmd.Wait(); close(in.done) }()
	// A loaded machine can take a while to start a JVM.
	deadline := time.Now().Add(3 * time.Minute)
	c := in.Client()
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		_, err := c.ListTables(ctx, &dynamodb.ListTablesInput{})
		cancel()
		if err == nil {
			return in, nil
		}
		select {
		case <-in.done:
			out, _ := os.ReadFile(log.Name())
			return nil, fmt.Errorf("DynamoDB Local exited: %s", strings.TrimSpace(string(out)))
		default:
		}
		if time.Now().After(deadline) {
			in.Stop()
			return nil, fmt.Errorf("DynamoDB Local did not answer on %s within 3 minutes: %v", in.Endpoint, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Stop ends the process (and only it: its own process group).
func (in *Instance) Stop() {
	if in == nil || in.cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-in.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-in.done:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-in.cmd.Process.Pid, syscall.SIGKILL)
		<-in.done
	}
	in.log.Close()
	os.Remove(in.log.Name())
}

// Env is the environment a process needs to talk to DynamoDB Local with
// the SDK's default chain (any credentials are accepted).
var Env = []string{"AWS_ACCESS_KEY_ID=local", "AWS_SECRET_ACCESS_KEY=local", "AWS_REGION=us-east-1",
	"AWS_EC2_METADATA_DISABLED=true", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null"}

// Client returns an SDK client for the instance (or for another endpoint
// in front of it), with SDK retries off as the copier uses it.
func (in *Instance) Client() *dynamodb.Client { return ClientFor(in.Endpoint) }

// ClientFor returns a client for an endpoint.
func ClientFor(endpoint string) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider("local", "local", ""),
		Retryer:      aws.NopRetryer{},
		HTTPClient: &http.Client{Transport: &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 128,
			IdleConnTimeout: 30 * time.Second}},
	})
}

// CreateTable creates an on-demand table keyed by hash (and range, when
// not empty), string-typed, with the given GSIs (name → hash key), and
// waits until it is active.
func CreateTable(ctx context.Context, c *dynamodb.Client, name, hash, rng string, gsis map[string]string) error {
	defs := map[string]bool{hash: true}
	in := &dynamodb.CreateTableInput{
		TableName:   aws.String(name),
		BillingMode: types.BillingModePayPerRequest,
		KeySchema:   []types.KeySchemaElement{{AttributeName: aws.String(hash), KeyType: types.KeyTypeHash}},
	}
	if rng != "" {
		in.KeySchema = append(in.KeySchema, types.KeySchemaElement{AttributeName: aws.String(rng), KeyType: types.KeyTypeRange})
		defs[rng] = true
	}
	for idx, key := range gsis {
		defs[key] = true
		in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, types.GlobalSecondaryIndex{
			IndexName:  aws.String(idx),
			KeySchema:  []types.KeySchemaElement{{AttributeName: aws.String(key), KeyType: types.KeyTypeHash}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		})
	}
	for d := range defs {
		in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{AttributeName: aws.String(d), AttributeType: types.ScalarAttributeTypeS})
	}
	if _, err := c.CreateTable(ctx, in); err != nil {
		var inUse *types.ResourceInUseException
		if !errors.As(err, &inUse) {
			return fmt.Errorf("creating %s: %w", name, err)
		}
	}
	return dynamodb.NewTableExistsWaiter(c).Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)}, time.Minute)
}

// CPUTime is the CPU time (user + system) the instance's JVM has used so
// far, from /proc; zero where /proc is not available.
func (in *Instance) CPUTime() time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", in.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// Fields after the command name (which may hold spaces) start at ")".
	s := string(data)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 13 {
		return 0
	}
	var utime, stime int64
	fmt.Sscan(fields[11], &utime)
	fmt.Sscan(fields[12], &stime)
	return time.Duration(utime+stime) * time.Second / 100 // USER_HZ is 100 on Linux
}
