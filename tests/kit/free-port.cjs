// A loopback port for a service a test starts later (often in another process, seconds later).
// Ports are picked below the kernel's ephemeral range (ip_local_port_range): a port taken from that
// range with listen(0) and released can be handed to any outgoing connection (to PostgreSQL, between
// services) before the service binds it, which CI saw as EADDRINUSE. CommonJS so that both the
// tests (compiled to CommonJS by jest) and the ESM kit (postgres.mjs) can load it.
'use strict';
const { createServer } = require('node:net');
const { readFileSync } = require('node:fs');

function ephemeralStart() {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && low > 2048) return low;
  } catch {}
  return 32768;
}

const LOW = 10000;
const HIGH = ephemeralStart() - 1;
const handedOut = new Set();

function tryListen(port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.unref();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** @returns {Promise<number>} a port nothing listened on just now, outside the ephemeral range. */
async function freePort() {
  for (let i = 0; i < 200; i++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (handedOut.has(port)) continue;
    if (await tryListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free loopback port between ${LOW} and ${HIGH}`);
}

module.exports = { freePort };
