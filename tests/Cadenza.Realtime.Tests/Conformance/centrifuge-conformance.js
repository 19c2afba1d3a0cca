// Drives the Cadenza emulator's WebSocket endpoint with the official Centrifugo JavaScript client (npm
// `centrifuge`, pinned in build/package.json), so the emulator is checked by a client none of us wrote.
//
// Usage: node --experimental-websocket centrifuge-conformance.js NODE_MODULES WS_URL REST_BASE CHANNEL
// Environment: CADENZA_ACCESS_TOKEN, CADENZA_REFRESH_TOKEN (kept out of the command line).
// It prints one JSON event per line on stdout (connected, subscribed, publication, …) and takes commands on
// stdin, one per line: `rpc METHOD JSON`, `history`, `exit`. The NUnit test reads the events and asserts.
'use strict';
const path = require('path');
const readline = require('readline');

const [nodeModules, wsUrl, restBase, channel] = process.argv.slice(2);
const { Centrifuge } = require(path.join(nodeModules, 'centrifuge'));

let accessToken = process.env.CADENZA_ACCESS_TOKEN;
let refreshToken = process.env.CADENZA_REFRESH_TOKEN;
const emit = (event, fields) => process.stdout.write(JSON.stringify({ event, ...fields }) + '\n');

// The client calls this when its token is expired (connect error 109) or about to (connect result's ttl):
// a refresh through the emulator's REST API, as an application would do it.
async function getToken() {
  const response = await fetch(new URL('api/v3/auth/token/refresh', restBase), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });
  const body = await response.json();
  if (!response.ok || !body.success) {
    emit('tokenError', { status: response.status });
    throw new Error('refresh failed with HTTP ' + response.status);
  }
  accessToken = body.data.accessToken;
  refreshToken = body.data.refreshToken;
  emit('token', {});
  return accessToken;
}

const client = new Centrifuge(wsUrl, {
  websocket: WebSocket,
  token: accessToken,
  getToken,
  name: 'centrifuge-js-conformance',
  minReconnectDelay: 100,
  maxReconnectDelay: 1000,
});
client.on('connecting', ctx => emit('connecting', { code: ctx.code, reason: ctx.reason }));
client.on('connected', ctx => emit('connected', { client: ctx.client, transport: ctx.transport }));
client.on('disconnected', ctx => emit('disconnected', { code: ctx.code, reason: ctx.reason }));
client.on('error', ctx => emit('error', { type: ctx.type, code: ctx.error && ctx.error.code, message: ctx.error && ctx.error.message }));

const sub = client.newSubscription(channel);
sub.on('subscribing', ctx => emit('subscribing', { code: ctx.code, reason: ctx.reason }));
sub.on('subscribed', ctx => emit('subscribed', {
  recoverable: ctx.recoverable,
  recovered: ctx.recovered,
  hasRecoveredPublications: ctx.hasRecoveredPublications,
  offset: ctx.streamPosition && ctx.streamPosition.offset,
  epoch: ctx.streamPosition && ctx.streamPosition.epoch,
}));
sub.on('unsubscribed', ctx => emit('unsubscribed', { code: ctx.code, reason: ctx.reason }));
sub.on('publication', ctx => emit('publication', { offset: ctx.offset, data: ctx.data }));
sub.on('error', ctx => emit('subscriptionError', { code: ctx.error && ctx.error.code, message: ctx.error && ctx.error.message }));

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', line => {
  const [command, method, ...rest] = line.trim().split(' ');
  if (command === 'rpc') {
    client.rpc(method, JSON.parse(rest.join(' ') || '{}'))
      .then(result => emit('rpc', { data: result.data }))
      .catch(e => emit('rpcError', { code: e.code, message: e.message }));
  } else if (command === 'history') {
    sub.history({ limit: 100 })
      .then(result => emit('history', { offsets: result.publications.map(p => p.offset), epoch: result.epoch, offset: result.offset }))
      .catch(e => emit('historyError', { code: e.code, message: e.message }));
  } else if (command === 'exit') {
    client.disconnect();
    process.exit(0);
  }
});
lines.on('close', () => process.exit(0));

sub.subscribe();
client.connect();
