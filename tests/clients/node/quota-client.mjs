#!/usr/bin/env node
// A gRPC client that is not ours, for the tenant API: calls cloudgov.tenant.v1.QuotaService with @grpc/grpc-js, loading
// the repository's .proto files at run time with @grpc/proto-loader, and prints the outcome as one JSON line.
//
//   CLOUDGOV_TOKEN=<JWT> node quota-client.mjs <host:port> <Method> [request-json]
//   CLOUDGOV_TOKEN=$TENANT node quota-client.mjs 127.0.0.1:5100 RequestQuota '{"tenant_id":"nn-dsj","direction":"QUOTA_DIRECTION_INCREASE",
//       "amount":{"cpu_millicores":16000,"memory_mib":32768,"storage_gib":200},"justification":"一网通办扩容","idempotency_key":"2026-q4-1"}'
//   CLOUDGOV_TOKEN=$OPERATOR node quota-client.mjs 127.0.0.1:5100 ApproveQuotaRequest '{"request_id":"qr-000000000001","reason":"ok"}'
//
// Output: {"ok":true,"response":{...}} or {"ok":false,"code":8,"codeName":"RESOURCE_EXHAUSTED","details":"..."}.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const here = path.dirname(fileURLToPath(import.meta.url));
const protoRoot = path.resolve(here, '..', '..', '..', 'proto');
const methods = ['RequestQuota', 'GetQuotaRequest', 'ListQuotaRequests', 'CancelQuotaRequest', 'ApproveQuotaRequest', 'RejectQuotaRequest',
  'GetTenantQuota', 'ListTenants', 'CreateTenant', 'UpdateTenant', 'MoveTenant', 'DeleteTenant'];

function usage(message) {
  process.stderr.write(`${message}\nusage: node quota-client.mjs <host:port> <${methods.join('|')}> [request-json]\n`);
  process.exit(2);
}

const [address, method, json = '{}'] = process.argv.slice(2);
if (!address || !method) usage('an address and a method are required');
if (!methods.includes(method)) usage(`unknown method '${method}'`);
let request;
try {
  request = JSON.parse(json);
} catch (error) {
  usage(`the request is not JSON: ${error.message}`);
}

const definition = protoLoader.loadSync('cloudgov/tenant/v1/quota.proto', {
  includeDirs: [protoRoot], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
});
const { QuotaService } = grpc.loadPackageDefinition(definition).cloudgov.tenant.v1;
const target = address.replace(/^https?:\/\//, '').replace(/\/$/, '');
const client = new QuotaService(target, grpc.credentials.createInsecure());
const call = client[method[0].toLowerCase() + method.slice(1)].bind(client);
const codeNames = Object.fromEntries(Object.entries(grpc.status).map(([name, code]) => [code, name]));
const metadata = new grpc.Metadata();
if (process.env.CLOUDGOV_TOKEN) metadata.add('authorization', `Bearer ${process.env.CLOUDGOV_TOKEN}`);

call(request, metadata, { deadline: Date.now() + 30_000 }, (error, response) => {
  client.close();
  const outcome = error
    ? { ok: false, code: error.code, codeName: codeNames[error.code], details: error.details }
    : { ok: true, response };
  process.stdout.write(JSON.stringify(outcome) + '\n');
  process.exit(error && error.code === grpc.status.UNAVAILABLE ? 1 : 0);
});
