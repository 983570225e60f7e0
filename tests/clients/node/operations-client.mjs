#!/usr/bin/env node
// A gRPC client that is not ours: calls CloudGov's operations API with @grpc/grpc-js, loading the repository's
// .proto files at run time with @grpc/proto-loader (no generated code), and prints the outcome as one JSON line.
//
//   CLOUDGOV_TOKEN=<JWT> node operations-client.mjs <host:port | http://host:port> <Method> [request-json]
//
// The bearer token comes from CLOUDGOV_TOKEN (sent as 'authorization: Bearer …'); without it the call carries no token
// and every RPC but health and reflection answers UNAUTHENTICATED.
//   node operations-client.mjs 127.0.0.1:5100 ListZones
//   node operations-client.mjs 127.0.0.1:5100 GetZone '{"zone_id":"gx-nanning-hcs"}'
//   node operations-client.mjs 127.0.0.1:5100 PlaceWorkload '{"workload_id":"nn-dsj-01","tenant_id":"nn-dsj",
//       "requests":{"cpu_millicores":2000,"memory_mib":4096},"mlps_level":"MLPS_LEVEL_3",
//       "network_plane":"NETWORK_PLANE_EGOV_EXTRANET","allowed_regions":["4501"],"dry_run":false}'
//
//   node operations-client.mjs 127.0.0.1:5100 WatchPlan '{"plan_id":"plan-0123456789abcdef"}'   (server streaming)
//
// Output: {"ok":true,"response":{...}} or {"ok":false,"code":3,"codeName":"INVALID_ARGUMENT","details":"..."}; for the
// server-streaming WatchPlan (no deadline), one line {"event":{...}} per message as it arrives, then {"ok":true,"events":N}
// once the server completed the stream (or "ok":false with the status it ended with).
// Field names are as in the .proto (snake_case), enums by name, 64-bit integers as strings.
// Exit code: 0 when the call completed (whatever its status), 1 when it could not be made, 2 for bad usage.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const here = path.dirname(fileURLToPath(import.meta.url));
const protoRoot = path.resolve(here, '..', '..', '..', 'proto');
const methods = ['ListZones', 'GetZone', 'GetOneCloudSummary', 'PlaceWorkload', 'ProposeRebalance', 'ListPlans', 'GetPlan', 'ApprovePlan', 'CancelPlan', 'GetWorkload', 'ListWorkloads', 'SetWorkloadIntent', 'GetLedgerView', 'WatchPlan'];
const streaming = ['WatchPlan'];

function usage(message) {
  process.stderr.write(`${message}\nusage: node operations-client.mjs <host:port> <${methods.join('|')}> [request-json]\n`);
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

const definition = protoLoader.loadSync('cloudgov/operations/v1/operations.proto', {
  includeDirs: [protoRoot],
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});
const { OperationsService } = grpc.loadPackageDefinition(definition).cloudgov.operations.v1;
const target = address.replace(/^https?:\/\//, '').replace(/\/$/, '');
const client = new OperationsService(target, grpc.credentials.createInsecure());
// grpc-js's method names are the RPC names with a lower-case first letter.
const call = client[method[0].toLowerCase() + method.slice(1)].bind(client);
const codeNames = Object.fromEntries(Object.entries(grpc.status).map(([name, code]) => [code, name]));

const metadata = new grpc.Metadata();
if (process.env.CLOUDGOV_TOKEN) metadata.add('authorization', `Bearer ${process.env.CLOUDGOV_TOKEN}`);

if (streaming.includes(method)) {
  // A server stream: every message, then the status the server ended it with.
  let events = 0;
  const stream = call(request, metadata);
  stream.on('data', (event) => {
    events++;
    process.stdout.write(JSON.stringify({ event }) + '\n');
  });
  stream.on('error', () => {}); // the 'status' event below reports every end, an error included
  stream.on('status', (status) => {
    client.close();
    const outcome = status.code === grpc.status.OK
      ? { ok: true, events }
      : { ok: false, code: status.code, codeName: codeNames[status.code], details: status.details, events };
    process.stdout.write(JSON.stringify(outcome) + '\n');
  });
} else call(request, metadata, { deadline: Date.now() + 30_000 }, (error, response) => {
  client.close();
  if (error && error.code === grpc.status.UNAVAILABLE && !error.details?.includes('control plane')) {
    // The server could not be reached at all (as opposed to the control plane answering Unavailable).
    process.stdout.write(JSON.stringify({ ok: false, code: error.code, codeName: codeNames[error.code], details: error.details }) + '\n');
    process.exit(1);
  }

  const outcome = error
    ? { ok: false, code: error.code, codeName: codeNames[error.code], details: error.details }
    : { ok: true, response };
  process.stdout.write(JSON.stringify(outcome) + '\n');
});
