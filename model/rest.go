package model

// RestAPI is an API Gateway resource (service "API Gateway").
//
// Owned by the REST conversion. Paths and their permissions come from
// cli-inputs.json (CLI 7+) or api-params.json (older projects, converted the
// way the CLI converts them); the routes actually deployed come from the
// API's CloudFormation template when it is in the resource folder (users
// edited it by hand), else from the CLI's rules.
type RestAPI struct {
	// Source is cli-inputs.json or api-params.json; Template the
	// CloudFormation template, when present.
	Source   string
	Template string

	// Paths are the Gen 1 paths in file order, with their function and who
	// may call them.
	Paths []RestPath
	// Routes are the API Gateway methods Gen 1 deployed, in order: for each
	// path, "ANY /path" and "ANY /path/{proxy+}" with an OPTIONS preflight
	// unless the template says otherwise.
	Routes []RestRoute
	// AdminQueries is the CLI's user-administration API (a Cognito user pool
	// authorizer on /{proxy+}, no IAM policies).
	AdminQueries bool
	// AuthorizationType is backend-config's authorizationType
	// ("AMAZON_COGNITO_USER_POOLS" for AdminQueries), "" when not set.
	AuthorizationType string
	// GatewayResponses are the DEFAULT_4XX / DEFAULT_5XX responses Gen 1
	// added (with CORS headers), in order.
	GatewayResponses []RestGatewayResponse

	// Name, ID and URL are the deployed API's (amplify-meta output), when known.
	DeployedID  string
	DeployedURL string

	Unrecognized []TemplateItem

	Settings  map[string]string
	Positions map[string]Pos
}

// REST path permission settings.
const (
	RestOpen      = "open"
	RestPrivate   = "private"
	RestProtected = "protected"
)

// RestPath is one Gen 1 path of a REST API.
type RestPath struct {
	// Path is as written ("/items", "/enqueue/{regionId}", "/").
	Path string
	Pos  Pos
	// Function is the Lambda function resource serving the path.
	Function    string
	FunctionPos Pos
	// Setting is open, private or protected.
	Setting string
	// Auth and Guest are the CRUD operations ("create", "read", "update",
	// "delete") signed-in users and guests may call.
	Auth     []string
	AuthPos  Pos
	Guest    []string
	GuestPos Pos
	// Groups are per user pool group operations, in file order.
	Groups []RestGroupAccess
}

// RestGroupAccess is what one user pool group may call on a path.
type RestGroupAccess struct {
	Group string
	Ops   []string
	Pos   Pos
}

// REST method authorization.
const (
	RestAuthNone    = "NONE"
	RestAuthIAM     = "AWS_IAM"
	RestAuthCognito = "COGNITO_USER_POOLS"
)

// RestRoute is one API Gateway method: a resource path, an HTTP method
// ("ANY", "GET", ...) and its integration. OPTIONS preflights are not
// routes; they are the CORS of the route's resource.
type RestRoute struct {
	Path   string
	Method string
	// Auth is RestAuthNone, RestAuthIAM or RestAuthCognito; Scopes are the
	// OAuth scopes a Cognito authorizer requires.
	Auth   string
	Scopes []string
	// Function is the Lambda function of a Lambda integration; Proxy is true
	// for aws_proxy integrations.
	Function string
	Proxy    bool
	// IntegrationType is the template's integration type ("aws_proxy",
	// "aws", "mock", "http", "http_proxy").
	IntegrationType string
	// For non-proxy integrations: request templates by content type, the
	// passthrough behavior, and the integration and method responses.
	RequestTemplates     []KeyValue
	PassthroughBehavior  string
	IntegrationResponses []RestIntegrationResponse
	MethodResponses      []RestMethodResponse
	// RequestParameters are method request parameters
	// ("method.request.path.proxy": required).
	RequestParameters []RestRequestParameter
	// ValidateParameters turns on a request validator for parameters.
	ValidateParameters bool
	// CORS is the preflight of the route's resource, nil when Gen 1 had none.
	CORS *RestCORS
	Pos  Pos
}

// KeyValue is an ordered string pair.
type KeyValue struct {
	Key   string
	Value string
}

// RestIntegrationResponse maps an integration result to a method response.
type RestIntegrationResponse struct {
	SelectionPattern   string
	StatusCode         string
	ResponseParameters []KeyValue
	ResponseTemplates  []KeyValue
}

// RestMethodResponse is a declared method response.
type RestMethodResponse struct {
	StatusCode string
	// Headers are the response header names.
	Headers []string
}

// RestRequestParameter is a method request parameter.
type RestRequestParameter struct {
	Name     string
	Required bool
}

// RestCORS is an OPTIONS preflight answered by a mock integration.
type RestCORS struct {
	AllowOrigin  string
	AllowMethods []string
	AllowHeaders []string
	StatusCode   int
}

// RestGatewayResponse is a gateway response with its headers.
type RestGatewayResponse struct {
	// Type is "DEFAULT_4XX", "DEFAULT_5XX", ...
	Type    string
	Headers []KeyValue
	Pos     Pos
}
