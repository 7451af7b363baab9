package writers

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/readers"
)

// TestFunctionSimulatedBackend converts testdata/cases/function-env-rewiring
// with stand-ins for the auth, data and storage conversions (defineAuth with
// a trigger and function access, defineData, defineStorage with function
// access), so that the function wiring can be synthesized before those
// conversions exist. Set AMPLIFY_MIGRATE_FN_SIM to a folder to write it.
func TestFunctionSimulatedBackend(t *testing.T) {
	out := os.Getenv("AMPLIFY_MIGRATE_FN_SIM")
	if out == "" {
		t.Skip("set AMPLIFY_MIGRATE_FN_SIM to write the simulated project")
	}
	p, diags := readers.Read(filepath.Join("..", "testdata", "cases", "function-env-rewiring"), readers.Options{})
	if p == nil || diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	g := newGen(p, Options{Tables: TablesTyped, Auth: AuthDefine})
	g.planFunctions()
	if err := g.writeFunctions(); err != nil {
		t.Fatal(err)
	}
	g.backend.Resource(OrderAuth, "auth", "auth", "./auth/resource")
	g.backend.Resource(OrderData, "data", "data", "./data/resource")
	g.backend.Resource(OrderStorage, "storage", "storage", "./storage/resource")
	for _, r := range p.Resources {
		g.markHandled(r)
	}
	g.addFile("amplify/auth/resource.ts", []byte(`import { defineAuth } from '@aws-amplify/backend';
import { mealsauthPostConfirmation } from '../functions/mealsauthPostConfirmation/resource';
import { mealsApi } from '../functions/mealsApi/resource';

export const auth = defineAuth({
  loginWith: { email: true },
  triggers: { postConfirmation: mealsauthPostConfirmation },
  access: (allow) => [allow.resource(mealsApi).to(['getUser', 'listUsers'])],
});
`))
	g.addFile("amplify/data/resource.ts", []byte(`import { a, defineData, type ClientSchema } from '@aws-amplify/backend';

const schema = a.schema({
  Meal: a.model({ name: a.string().required(), calories: a.integer() }).authorization((allow) => [allow.publicApiKey()]),
  Profile: a.model({ displayName: a.string() }).authorization((allow) => [allow.owner()]),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({
  schema,
  authorizationModes: { defaultAuthorizationMode: 'apiKey', apiKeyAuthorizationMode: { expiresInDays: 7 } },
});
`))
	g.addFile("amplify/storage/resource.ts", []byte(`import { defineStorage } from '@aws-amplify/backend';
import { mealsApi } from '../functions/mealsApi/resource';

export const storage = defineStorage({
  name: 'photos',
  access: (allow) => ({
    'public/*': [allow.authenticated.to(['read', 'write', 'delete']), allow.resource(mealsApi).to(['read'])],
  }),
});
`))
	if err := g.wireFunctions(); err != nil {
		t.Fatal(err)
	}
	g.writeBackend()
	g.writeScaffolding()
	for _, f := range g.output().Files {
		dst := filepath.Join(out, f.Path)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		data := f.Data
		if f.Kind == Copy {
			var err error
			if data, err = os.ReadFile(filepath.Join(p.Root, f.CopyFrom)); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
