// lemu's Node.js runtime: runs a nodejs18.x+ Lambda handler against the Runtime API.
//
// It behaves like AWS's runtime interface client (aws-lambda-nodejs-runtime-interface-client) where a
// handler can tell: "_HANDLER" is "path/module.handler" resolved from LAMBDA_TASK_ROOT (CommonJS .js/.cjs
// or ES modules .mjs and .js under "type": "module"), async and callback handlers, the usual context,
// console lines as "<ISO time>\t<request id>\t<LEVEL>\t<message>", and AWS's error shapes:
//   invocation errors  {"errorType", "errorMessage", "trace"} to /invocation/{id}/error;
//   init errors        the same to /init/error (Runtime.ImportModuleError, Runtime.HandlerNotFound, ...),
//                      then exit(1).
// Node's standard library only; started as `node bootstrap.mjs` by lemu with the function's environment.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import util from 'node:util';

const API = process.env.AWS_LAMBDA_RUNTIME_API;
const [HOST, PORT] = API.split(':');
const PREFIX = '/2018-06-01/runtime';
const require = createRequire(import.meta.url);

let currentRequestId;

// ---------------------------------------------------------------- Runtime API client

// One keep-alive connection to the Runtime API, one request at a time (requests queue behind each
// other), spoken over a plain socket: node:http's client cost about 130 us of CPU per invocation
// (two requests), more than the rest of the runtime; AWS's own client uses a native addon for the
// same reason. lemu's Runtime API answers with Content-Length bodies. A closed connection fails the
// request on the wire; the next one reconnects. The socket holds the event loop open only while a
// request is on the wire.
class RuntimeConnection {
  constructor(host, port) {
    this.host = host;
    this.port = port;
    this.socket = null;
    this.buffer = null;
    this.pending = null;  // {resolve, reject} of the request on the wire
    this.tail = Promise.resolve();
  }

  connect() {
    const socket = net.connect({ host: this.host, port: Number(this.port) });
    socket.setNoDelay(true);
    socket.on('data', (chunk) => {
      this.buffer = this.buffer ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.parse();
    });
    const fail = (error) => {
      this.socket = null;
      this.buffer = null;
      const pending = this.pending;
      this.pending = null;
      if (pending) pending.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the Runtime API closed the connection')));
    this.socket = socket;
  }

  parse() {
    if (!this.pending || !this.buffer) return;
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const lines = this.buffer.toString('latin1', 0, end).split('\r\n');
    const status = Number(lines[0].split(' ')[1]);
    const headers = {};
    for (let i = 1; i < lines.length; i++) {
      const colon = lines[i].indexOf(':');
      if (colon > 0) headers[lines[i].slice(0, colon).trim().toLowerCase()] = lines[i].slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (this.buffer.length < end + 4 + length) return;
    const body = this.buffer.subarray(end + 4, end + 4 + length);
    const rest = this.buffer.subarray(end + 4 + length);
    this.buffer = rest.length ? Buffer.from(rest) : null;
    const pending = this.pending;
    this.pending = null;
    // Idle, the connection must not keep the event loop alive: callback handlers that wait for an
    // empty event loop finish on 'beforeExit' (node:http's agent unrefs its free sockets too).
    this.socket.unref();
    pending.resolve({ status, headers, body: Buffer.from(body) });
  }

  request(method, route, body, headers) {
    const run = () => new Promise((resolve, reject) => {
      if (!this.socket) this.connect();
      this.socket.ref();
      this.pending = { resolve, reject };
      const payload = body === undefined ? undefined : Buffer.from(body);
      let head = `${method} ${PREFIX}${route} HTTP/1.1\r\nHost: ${HOST}:${PORT}\r\n`;
      for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
      head += `Content-Length: ${payload ? payload.length : 0}\r\n\r\n`;
      this.socket.write(payload ? Buffer.concat([Buffer.from(head, 'latin1'), payload]) : head);
    });
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => {});
    return result;
  }
}

const runtime = new RuntimeConnection(HOST, PORT);

function call(method, route, body, headers = {}) {
  return runtime.request(method, route, body, headers);
}

async function postJson(route, value, headers = {}) {
  const reply = await call('POST', route, value, { 'Content-Type': 'application/json', ...headers });
  if (reply.status !== 202) {
    process.stdout.write(`lemu runtime: POST ${route} answered ${reply.status}: ${reply.body}\n`);
  }
}

// ---------------------------------------------------------------- errors

class RuntimeError extends Error {
  constructor(type, message, cause) {
    super(message);
    this.name = type;
    if (cause && cause.stack) {
      this.stack = `${type}: ${message}\n${cause.stack.split('\n').slice(1).join('\n')}`;
    }
  }
}

function toFormatted(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name,
      errorMessage: error.message,
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  if (error === undefined || error === null) {
    return { errorType: 'Error', errorMessage: String(error), trace: [] };
  }
  return { errorType: typeof error, errorMessage: typeof error === 'string' ? error : util.inspect(error), trace: [] };
}

function logError(label, formatted) {
  process.stdout.write(`${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\tERROR\t${label} \t${JSON.stringify(formatted)}\n`);
}

// ---------------------------------------------------------------- console

function patchConsole() {
  const write = (level) => (...args) => {
    process.stdout.write(`${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${util.format(...args)}\n`);
  };
  console.log = write('INFO');
  console.info = write('INFO');
  console.warn = write('WARN');
  console.error = write('ERROR');
  console.debug = write('DEBUG');
  console.trace = write('TRACE');
  console.fatal = write('FATAL');
}

// ---------------------------------------------------------------- loading the handler

const FUNCTION_EXPR = /^([^.]*)\.(.*)$/;
const RELATIVE_PATH_SUBSTRING = '..';

function moduleRootAndHandler(full) {
  const handlerString = path.basename(full);
  const moduleRoot = full.substring(0, full.indexOf(handlerString));
  return [moduleRoot, handlerString];
}

function hasPackageJsonTypeModule(file) {
  let dir = path.dirname(file);
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      try {
        return JSON.parse(fs.readFileSync(candidate, 'utf8')).type === 'module';
      } catch {
        return false;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}

async function loadModule(appRoot, moduleRoot, module) {
  const base = path.resolve(appRoot, moduleRoot, module);
  const exists = (extension) => fs.existsSync(base + extension);
  if (exists('.js')) {
    if (hasPackageJsonTypeModule(base + '.js')) return import(pathToFileURL(base + '.js').href);
    return require(base + '.js');
  }
  if (exists('.mjs')) return import(pathToFileURL(base + '.mjs').href);
  if (exists('.cjs')) return require(base + '.cjs');
  // Like Lambda: fall back to Node's resolution (a package in node_modules, a directory).
  return require(require.resolve(module, { paths: [path.resolve(appRoot, moduleRoot), appRoot] }));
}

function resolveHandler(object, nestedProperty) {
  return nestedProperty.split('.').reduce((nested, key) => (nested == null ? undefined : nested[key]), object);
}

async function loadHandler(appRoot, fullHandlerString) {
  if (fullHandlerString.includes(RELATIVE_PATH_SUBSTRING)) {
    throw new RuntimeError('Runtime.MalformedHandlerName', `'${fullHandlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`);
  }
  const [moduleRoot, moduleAndHandler] = moduleRootAndHandler(fullHandlerString);
  const match = moduleAndHandler.match(FUNCTION_EXPR);
  if (!match || match.length !== 3) {
    throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  }
  const [, module, handlerPath] = match;
  let userApp;
  try {
    userApp = await loadModule(appRoot, moduleRoot, module);
  } catch (e) {
    if (e instanceof SyntaxError) {
      throw new RuntimeError('Runtime.UserCodeSyntaxError', String(e), e);
    }
    if (e && (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND')) {
      throw new RuntimeError('Runtime.ImportModuleError', String(e), e);
    }
    throw e;
  }
  const handler = resolveHandler(userApp, handlerPath) ?? resolveHandler(userApp?.default, handlerPath);
  if (handler === undefined) {
    throw new RuntimeError('Runtime.HandlerNotFound', `${fullHandlerString} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${fullHandlerString} is not a function`);
  }
  return handler;
}

// ---------------------------------------------------------------- invocations

function makeContext(headers, callbackState) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  const context = {
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
  };
  Object.defineProperty(context, 'callbackWaitsForEmptyEventLoop', {
    get: () => callbackState.waitForEmptyEventLoop,
    set: (value) => { callbackState.waitForEmptyEventLoop = value; },
    enumerable: true,
  });
  if (headers['lambda-runtime-client-context']) {
    context.clientContext = JSON.parse(headers['lambda-runtime-client-context']);
  }
  if (headers['lambda-runtime-cognito-identity']) {
    context.identity = JSON.parse(headers['lambda-runtime-cognito-identity']);
  }
  return context;
}

// Runs the handler; resolves to {result} or {error}. A callback handler (three parameters) finishes
// when it calls back; with callbackWaitsForEmptyEventLoop (the default) the answer waits until the
// function's own pending work is done, as in Lambda.
function runHandler(handler, event, context, callbackState) {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome, waitForLoop) => {
      if (settled) return;
      settled = true;
      if (waitForLoop) {
        process.once('beforeExit', () => resolve(outcome));
      } else {
        resolve(outcome);
      }
    };
    const callback = (error, result) => {
      finish(error !== undefined && error !== null ? { error } : { result }, callbackState.waitForEmptyEventLoop);
    };
    context.done = (error, result) => callback(error, result);
    context.succeed = (result) => callback(null, result);
    context.fail = (error) => callback(error ?? 'handled');
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === 'function') {
        returned.then((result) => finish({ result }, false), (error) => finish({ error: error ?? new Error('Promise rejected with a falsy value') }, false));
      } else if (handler.length < 3) {
        finish({ result: returned }, false);
      }
    } catch (error) {
      finish({ error }, false);
    }
  });
}

async function invokeOnce(handler) {
  const next = await call('GET', '/invocation/next');
  if (next.status !== 200) {
    throw new Error(`GET /next answered ${next.status}`);
  }
  const headers = next.headers;
  const requestId = headers['lambda-runtime-aws-request-id'];
  currentRequestId = requestId;
  if (headers['lambda-runtime-trace-id']) {
    process.env._X_AMZN_TRACE_ID = headers['lambda-runtime-trace-id'];
  } else {
    delete process.env._X_AMZN_TRACE_ID;
  }
  const callbackState = { waitForEmptyEventLoop: true };
  let outcome;
  try {
    const body = next.body.toString('utf8');
    const event = body.length === 0 ? {} : JSON.parse(body);
    const context = makeContext(headers, callbackState);
    outcome = await runHandler(handler, event, context, callbackState);
  } catch (error) {
    outcome = { error };
  }
  if ('error' in outcome) {
    const formatted = toFormatted(outcome.error);
    logError('Invoke Error', formatted);
    await postJson(`/invocation/${requestId}/error`, JSON.stringify(formatted), {
      'Lambda-Runtime-Function-XRay-Error-Cause': JSON.stringify({ working_directory: process.cwd(), exceptions: [], paths: [] }),
    });
  } else {
    const serialized = JSON.stringify(outcome.result);
    await postJson(`/invocation/${requestId}/response`, serialized === undefined ? 'null' : serialized);
  }
  currentRequestId = undefined;
}

async function failInit(error) {
  const formatted = toFormatted(error);
  logError('Uncaught Exception', formatted);
  await postJson('/init/error', JSON.stringify(formatted), { 'Lambda-Runtime-Function-Error-Type': formatted.errorType });
  process.exit(1);
}

async function main() {
  patchConsole();
  let handler;
  try {
    handler = await loadHandler(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), process.env._HANDLER ?? '');
  } catch (error) {
    await failInit(error);
    return;
  }
  process.on('uncaughtException', (error) => reportFatal(error));
  process.on('unhandledRejection', (reason) => {
    const error = reason instanceof Error ? reason : new Error(util.inspect(reason));
    error.name = 'Runtime.UnhandledPromiseRejection';
    reportFatal(error);
  });
  for (;;) {
    await invokeOnce(handler);
  }
}

// An error escaping the handler's control (a throw in a timer, an unhandled rejection) fails the
// current invocation and ends the process, as in Lambda.
async function reportFatal(error) {
  const formatted = toFormatted(error);
  logError('Uncaught Exception', formatted);
  if (currentRequestId) {
    await postJson(`/invocation/${currentRequestId}/error`, JSON.stringify(formatted)).catch(() => {});
  }
  process.exit(129);
}

main().catch((error) => {
  process.stdout.write(`lemu runtime: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
