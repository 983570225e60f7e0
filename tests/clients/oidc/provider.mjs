#!/usr/bin/env node
// A real OpenID Provider (panva/oidc-provider) on loopback for CloudGov's external-issuer tests.
//
//   node provider.mjs [port]        (0 or none: a free port)
//
// Prints one line `{"issuer":"http://127.0.0.1:<port>"}` once it serves; stops on SIGTERM or when stdin closes.
// Clients (client_credentials, client_secret_basic or client_secret_post), their role claim `roles` and tenant claim
// `department` (CloudGov maps them with Identity:Oidc:RoleClaim / TenantClaim / RoleMap):
//   cloudgov-ops    / ops-secret    roles ["bigdata-ops"]            (RoleMap: bigdata-ops -> operator)
//   cloudgov-audit  / audit-secret  roles ["auditor"]
//   cloudgov-nn-dsj / tenant-secret roles ["tenant"], department "nn-dsj"
//   cloudgov-nobody / nobody-secret no CloudGov role
// Resource indicators: `urn:cloudgov` (the control plane's audience) and `urn:other-api` (another service); access
// tokens are JWTs (RFC 9068) signed RS256 with a key made at start and published at the jwks_uri.
import http from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? 0);
const clients = {
  'cloudgov-ops': { secret: 'ops-secret', claims: { roles: ['bigdata-ops'] } },
  'cloudgov-audit': { secret: 'audit-secret', claims: { roles: ['auditor'] } },
  'cloudgov-nn-dsj': { secret: 'tenant-secret', claims: { roles: ['tenant'], department: 'nn-dsj' } },
  'cloudgov-nobody': { secret: 'nobody-secret', claims: {} },
};
const resources = new Set(['urn:cloudgov', 'urn:other-api']);

const server = http.createServer();
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: Object.entries(clients).map(([id, c]) => ({
    client_id: id,
    client_secret: c.secret,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    scope: 'api',
    token_endpoint_auth_method: 'client_secret_basic',
  })),
  scopes: ['api'],
  jwks: { keys: [jwk] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:cloudgov',
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resource) => {
        if (!resources.has(resource)) throw new Error(`unknown resource ${resource}`);
        return { scope: 'api', audience: resource, accessTokenTTL: 300, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  extraTokenClaims: (ctx, token) => clients[token.clientId]?.claims,
});
// oidc-provider refuses http issuers unless told it sits behind a proxy; this one is loopback-only for tests.
provider.proxy = true;
server.on('request', provider.callback());

process.stdout.write(JSON.stringify({ issuer }) + '\n');
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
