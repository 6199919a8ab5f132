// docker/ must agree with schema/src/services.ts: the same services, ports, databases and
// environment variable names, one database per agency, and images that can actually start.
//
// No Docker engine is needed (nor available on our machines). The compose file is read by a small,
// strict YAML reader below: it accepts only the plain subset compose.yaml keeps to and rejects
// anything it does not understand or that YAML 1.1 readers would type differently (yes/no, 4000:4000,
// 010, 1.5, ...), so the test depends on no YAML library. Where PyYAML is present its reading must be
// identical; where the `docker compose` CLI plugin is present it must accept the file too.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GATEWAY_PORT, SUBGRAPHS } from '@hub/schema';
import { serviceRoleName } from '@hub/runtime/db-roles';

const ROOT = join(__dirname, '..');
const DOCKER = join(ROOT, 'docker');
const COMPOSE_PATH = join(DOCKER, 'compose.yaml');
const DOCKERFILE_PATH = join(DOCKER, 'Dockerfile');

// ---------------------------------------------------------------------------------------------
// A strict reader for the YAML subset compose.yaml uses: block mappings and block sequences,
// scalars that are double- or single-quoted (on one line) or plain, and # comments.
// ---------------------------------------------------------------------------------------------

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

interface Line {
  no: number;
  indent: number;
  content: string;
}

class YamlSubsetError extends Error {}

function fail(no: number, message: string): never {
  throw new YamlSubsetError(`line ${no}: ${message}`);
}

/** Removes a trailing comment; quotes only open at the start of a token (after a space). */
function stripComment(raw: string, no: number): string {
  let quote: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = null;
    } else if (quote === "'") {
      if (c === "'") {
        if (raw[i + 1] === "'") i++;
        else quote = null;
      }
    } else if (c === '#' && (i === 0 || raw[i - 1] === ' ')) {
      return raw.slice(0, i).trimEnd();
    } else if ((c === '"' || c === "'") && (i === 0 || raw[i - 1] === ' ')) {
      quote = c;
    }
  }
  if (quote) fail(no, 'unterminated quoted scalar (multi-line scalars are not supported)');
  return raw.trimEnd();
}

function tokenise(text: string): Line[] {
  const lines: Line[] = [];
  text.split('\n').forEach((raw, i) => {
    const no = i + 1;
    if (raw.includes('\t')) fail(no, 'tab characters are not supported');
    if (raw.includes('\r')) fail(no, 'CR line endings are not supported');
    if (/^(---|\.\.\.)(\s|$)/.test(raw) || raw.startsWith('%')) fail(no, 'document markers and directives are not supported');
    const stripped = stripComment(raw, no);
    if (stripped.trim() === '') return;
    const content = stripped.trimStart();
    lines.push({ no, indent: stripped.length - content.length, content });
  });
  return lines;
}

function quoted(s: string, no: number): string {
  const q = s[0];
  let out = '';
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (q === '"' && c === '\\') {
      const e = s[++i];
      const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t' };
      if (!(e in map)) fail(no, `unsupported escape \\${e}`);
      out += map[e];
    } else if (q === "'" && c === "'" && s[i + 1] === "'") {
      out += "'";
      i++;
    } else if (c === q) {
      if (i !== s.length - 1) fail(no, `text after the closing quote: ${s}`);
      return out;
    } else {
      out += c;
    }
  }
  return fail(no, `unterminated quoted scalar: ${s}`);
}

function scalar(s: string, no: number): Yaml {
  if (s[0] === '"' || s[0] === "'") return quoted(s, no);
  if (/^[[\]{}&*!|>%@`,?:#]/.test(s)) fail(no, `unsupported syntax (anchor, alias, tag, flow or block scalar): ${s}`);
  if (s[0] === '-' && (s.length === 1 || s[1] === ' ')) fail(no, `unexpected sequence item: ${s}`);
  if (/: |:$/.test(s)) fail(no, `plain scalar containing ": " (quote it): ${s}`);
  if (/["']/.test(s)) fail(no, `quote characters inside a plain scalar (quote the whole value): ${s}`);
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s === 'null' || s === '~') return null;
  if (/^(yes|no|on|off|y|n|true|false|null|=)$/i.test(s)) fail(no, `ambiguous plain scalar (quote it): ${s}`);
  if (/^(0|[1-9][0-9]*)$/.test(s)) return Number(s);
  if (/^[0-9]+(ms|s|m|h)$/.test(s)) return s; // a compose duration
  if (/^[-+]?\.?[0-9]|^[-+]?\.(inf|nan)$/i.test(s)) fail(no, `number-like plain scalar that YAML readers disagree on (quote it): ${s}`);
  return s;
}

class YamlSubsetParser {
  private i = 0;
  constructor(private readonly lines: Line[]) {}

  document(): Yaml {
    if (this.lines.length === 0) return null;
    if (this.lines[0].indent !== 0) fail(this.lines[0].no, 'the document must start at column 0');
    const value = this.block(0);
    if (this.i < this.lines.length) fail(this.lines[this.i].no, 'unexpected indentation');
    return value;
  }

  private static isItem(content: string): boolean {
    return content === '-' || content.startsWith('- ');
  }

  private block(indent: number): Yaml {
    return YamlSubsetParser.isItem(this.lines[this.i].content) ? this.sequence(indent) : this.mapping(indent);
  }

  /** The value that starts on the next line, indented deeper than `parent`; null if none. */
  private nested(parent: number): Yaml {
    const next = this.lines[this.i];
    return next && next.indent > parent ? this.block(next.indent) : null;
  }

  private noDeeper(indent: number) {
    const next = this.lines[this.i];
    if (next && next.indent > indent) fail(next.no, 'unexpected indentation after a scalar value');
  }

  private sequence(indent: number): Yaml[] {
    const out: Yaml[] = [];
    while (this.i < this.lines.length && this.lines[this.i].indent === indent) {
      const line = this.lines[this.i];
      if (!YamlSubsetParser.isItem(line.content)) fail(line.no, 'mapping key where a sequence item was expected');
      const rest = line.content.slice(1).trimStart();
      this.i++;
      if (rest === '') {
        out.push(this.nested(indent));
      } else {
        if (/^[A-Za-z_][A-Za-z0-9_.-]*:( |$)/.test(rest)) fail(line.no, 'mappings inside sequence items are not supported');
        out.push(scalar(rest, line.no));
        this.noDeeper(indent);
      }
    }
    return out;
  }

  private mapping(indent: number): { [key: string]: Yaml } {
    const out: { [key: string]: Yaml } = {};
    while (this.i < this.lines.length && this.lines[this.i].indent === indent) {
      const line = this.lines[this.i];
      if (YamlSubsetParser.isItem(line.content))
        fail(line.no, 'sequence item where a mapping key was expected (indent the sequence under its key)');
      const m = /^([A-Za-z_][A-Za-z0-9_.-]*):(?: +(.*))?$/.exec(line.content);
      if (!m) fail(line.no, `expected "key: value" or "key:" with a simple key: ${line.content}`);
      const key = m[1];
      if (Object.prototype.hasOwnProperty.call(out, key)) fail(line.no, `duplicate key ${key}`);
      this.i++;
      if (m[2] === undefined) {
        out[key] = this.nested(indent);
      } else {
        out[key] = scalar(m[2], line.no);
        this.noDeeper(indent);
      }
    }
    return out;
  }
}

function parseYamlSubset(text: string): Yaml {
  return new YamlSubsetParser(tokenise(text)).document();
}

/** PyYAML's reading of the same text, where python3 has PyYAML; otherwise undefined. */
function readWithPyYaml(text: string): { python: string; value: unknown } | undefined {
  const script = 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)';
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      const out = execFileSync(python, ['-c', script], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
      return { python, value: JSON.parse(out) };
    } catch {
      // no such interpreter, or no PyYAML in it: try the next one
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Compose variable interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error},
// ${VAR?error} and $$ (a literal $).
// ---------------------------------------------------------------------------------------------

interface VarRef {
  name: string;
  op: '' | ':-' | '-' | ':?' | '?';
}

const VAR_RE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|-|:\?|\?)([^}]*))?\}|\$/g;

function varRefs(value: string): VarRef[] {
  const refs: VarRef[] = [];
  for (const m of value.matchAll(VAR_RE)) {
    if (m[0] === '$$') continue;
    if (m[0] === '$') throw new Error(`bare "$" in ${JSON.stringify(value)}: write $$ for a literal dollar or \${VAR}`);
    refs.push({ name: m[1], op: (m[2] ?? '') as VarRef['op'] });
  }
  return refs;
}

function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(VAR_RE, (whole, name: string | undefined, op: string | undefined, arg: string | undefined) => {
    if (whole === '$$') return '$';
    if (!name) throw new Error(`bare "$" in ${JSON.stringify(value)}`);
    const v = env[name];
    switch (op) {
      case ':-':
        return v ? v : (arg ?? '');
      case '-':
        return v !== undefined ? v : (arg ?? '');
      case ':?':
        if (!v) throw new Error(`required variable ${name} is missing a value: ${arg}`);
        return v;
      case '?':
        if (v === undefined) throw new Error(`required variable ${name} is missing a value: ${arg}`);
        return v;
      default:
        return v ?? '';
    }
  });
}

function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allStrings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => allStrings(v, out));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The files under test.
// ---------------------------------------------------------------------------------------------

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  networks?: string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[]; interval?: string; timeout?: string; start_period?: string; retries?: number };
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  networks?: Record<string, { internal?: boolean } | null>;
  volumes?: Record<string, unknown>;
}

const composeText = readFileSync(COMPOSE_PATH, 'utf8');
const compose = parseYamlSubset(composeText) as unknown as ComposeFile;
const services = compose.services ?? {};

const NODE_SERVICES = ['gateway', ...SUBGRAPHS.map((s) => s.name)];
const pgName = (subgraph: string) => `pg-${subgraph}`;
const entryFor = (service: string) => (service === 'gateway' ? 'gateway/src/main.ts' : `subgraphs/${service}/src/main.ts`);
const portFor = (service: string) => (service === 'gateway' ? GATEWAY_PORT : SUBGRAPHS.find((s) => s.name === service)!.port);

const requiredVars = [
  ...new Set(
    allStrings(compose)
      .flatMap(varRefs)
      .filter((r) => r.op === ':?' || r.op === '?')
      .map((r) => r.name),
  ),
].sort();
/** A value for every required variable: distinct, URL-safe and long enough for HUB_INTERNAL_SECRET. */
const sampleEnv: Record<string, string> = Object.fromEntries(
  requiredVars.map((name) => [name, `sample-${name.toLowerCase().replace(/_/g, '-')}-0123456789abcdef0123456789abcdef`]),
);

function envOf(service: string): Record<string, string> {
  const env = services[service]?.environment ?? {};
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(String(v), sampleEnv)]));
}

function networksOf(service: string): string[] {
  return services[service]?.networks ?? [];
}

interface Instruction {
  line: number;
  keyword: string;
  args: string;
}

/** Dockerfile instructions, with continuation lines joined and comments dropped. */
function dockerfileInstructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let buf = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (!buf && (line.trim() === '' || line.trimStart().startsWith('#'))) return;
    if (buf && line.trimStart().startsWith('#')) return; // comments inside a continued instruction
    if (!buf) start = i + 1;
    if (line.endsWith('\\')) {
      buf += line.slice(0, -1) + ' ';
      return;
    }
    buf += line;
    const m = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(buf);
    if (!m) throw new Error(`Dockerfile line ${start}: cannot read ${buf}`);
    out.push({ line: start, keyword: m[1].toUpperCase(), args: m[2].replace(/\s+/g, ' ').trim() });
    buf = '';
  });
  if (buf) throw new Error('Dockerfile ends inside a continued instruction');
  return out;
}

interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

const dockerfileText = readFileSync(DOCKERFILE_PATH, 'utf8');
const instructions = dockerfileInstructions(dockerfileText);
const stages: Stage[] = [];
for (const ins of instructions) {
  if (ins.keyword === 'FROM') {
    const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
    if (!m) throw new Error(`Dockerfile line ${ins.line}: cannot read FROM ${ins.args}`);
    stages.push({ from: m[1], name: m[2]?.toLowerCase(), instructions: [] });
  } else if (stages.length) {
    stages[stages.length - 1].instructions.push(ins);
  }
}
const stage = (name: string) => stages.find((s) => s.name === name);
/** ENV assignments (KEY=value form) made in a stage. */
function envAssignments(s: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const ins of s.instructions.filter((i) => i.keyword === 'ENV')) {
    for (const m of ins.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)/g)) env[m[1]] = m[2].replace(/^"|"$/g, '');
  }
  return env;
}
/** The chain of stages a stage is built on, itself first. */
function lineage(s: Stage): Stage[] {
  const chain: Stage[] = [s];
  for (let parent = stage(s.from); parent && !chain.includes(parent); parent = stage(parent.from)) chain.push(parent);
  return chain;
}

// ---------------------------------------------------------------------------------------------

describe('the YAML subset reader', () => {
  it('reads mappings, sequences and scalars', () => {
    const doc = parseYamlSubset(
      ['a:', '  b: "x: y # z"  # comment', "  c: 'it''s'", '  d:', '    - -e', '    - 15s', '    - 3', '  e:', '  f: true'].join('\n'),
    );
    expect(doc).toEqual({ a: { b: 'x: y # z', c: "it's", d: ['-e', '15s', 3], e: null, f: true } });
  });

  it.each([
    ['unquoted port mappings (YAML 1.1 reads them as base-60 numbers)', 'ports:\n  - 4000:4000'],
    ['yes/no/on/off', 'a: yes'],
    ['capitalised booleans', 'a: True'],
    ['floats', 'a: 1.5'],
    ['floats without a leading digit', 'a: .5'],
    ['infinity', 'a: .inf'],
    ['leading zeros (YAML 1.1 octal)', 'a: 010'],
    ['IP-like numbers', 'a: 127.0.0.1'],
    ['anchors and aliases', 'a: &x 1\nb: *x'],
    ['flow collections', 'a: [1, 2]'],
    ['block scalars', 'a: |\n  text'],
    ['tabs', 'a:\n\tb: 1'],
    ['duplicate keys', 'a: 1\na: 2'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2'],
    ['a scalar followed by a nested block', 'a: 1\n  b: 2'],
    ['mappings inside sequence items', 'a:\n  - b: 1'],
    ['unterminated quotes', 'a: "x'],
  ])('rejects %s', (_what, text) => {
    expect(() => parseYamlSubset(text)).toThrow(YamlSubsetError);
  });
});

describe('docker/compose.yaml', () => {
  it('keeps to the YAML subset, and PyYAML (where installed) reads it identically', () => {
    expect(compose).toBeTruthy();
    expect(typeof services).toBe('object');
    const py = readWithPyYaml(composeText);
    if (py) expect(py.value).toEqual(compose);
  });

  it('has the gateway, every subgraph in services.ts and one PostgreSQL per agency', () => {
    const expected = [...NODE_SERVICES, ...SUBGRAPHS.map((s) => pgName(s.name))].sort();
    expect(Object.keys(services).sort()).toEqual(expected);
  });

  it('builds every hub service from docker/Dockerfile with the repo root as context', () => {
    for (const name of NODE_SERVICES) {
      const build = services[name].build;
      expect({ name, context: build?.context, dockerfile: build?.dockerfile, service: build?.args?.SERVICE }).toEqual({
        name,
        context: '..',
        dockerfile: 'docker/Dockerfile',
        service: name,
      });
      expect(existsSync(join(DOCKER, build!.context!, build!.dockerfile!))).toBe(true);
    }
  });

  it("gives each subgraph its services.ts PORT and its own database URL variable, and no other agency's", () => {
    for (const s of SUBGRAPHS) {
      const env = envOf(s.name);
      expect({ name: s.name, PORT: env.PORT }).toEqual({ name: s.name, PORT: String(s.port) });
      expect(Object.keys(env)).toContain(s.dbEnv);
      expect(Object.keys(env)).toContain(s.migrationDbEnv);
      const others: string[] = SUBGRAPHS.filter((o) => o.name !== s.name).flatMap((o) => [o.dbEnv, o.migrationDbEnv]);
      expect(Object.keys(env).filter((k) => others.includes(k) || k === 'DATABASE_URL')).toEqual([]);
      if (env.HOST !== undefined) expect(env.HOST).toBe('0.0.0.0');
    }
  });

  it("connects each subgraph as its own service role, with the owner's URL only for migrations", () => {
    for (const s of SUBGRAPHS) {
      const env = envOf(s.name);
      const service = new URL(env[s.dbEnv]);
      const owner = new URL(env[s.migrationDbEnv]);
      expect({ name: s.name, user: decodeURIComponent(service.username) }).toEqual({ name: s.name, user: serviceRoleName(s.name) });
      expect(varRefs(services[s.name].environment![s.dbEnv]).map((r) => r.name)).toEqual([
        `${s.dbEnv.replace('_DATABASE_URL', '')}_SERVICE_DB_PASSWORD`,
      ]);
      expect(service.password).not.toBe(owner.password);
      expect({ host: service.host, path: service.pathname }).toEqual({ host: owner.host, path: owner.pathname });
    }
  });

  it("points each subgraph's database URL at its own PostgreSQL service and services.ts database", () => {
    const hosts = new Set<string>();
    for (const s of SUBGRAPHS) {
      const url = new URL(envOf(s.name)[s.migrationDbEnv]);
      const pg = pgName(s.name);
      const pgEnv = envOf(pg);
      expect({
        name: s.name,
        protocol: url.protocol,
        host: url.hostname,
        port: url.port || '5432',
        database: decodeURIComponent(url.pathname.slice(1)),
      }).toEqual({
        name: s.name,
        protocol: 'postgres:',
        host: pg,
        port: '5432',
        database: s.database,
      });
      expect(services[pg].image).toBe('postgres:17-bookworm');
      expect(pgEnv.POSTGRES_DB).toBe(s.database);
      expect(decodeURIComponent(url.username)).toBe(pgEnv.POSTGRES_USER ?? 'postgres');
      expect(decodeURIComponent(url.password)).toBe(pgEnv.POSTGRES_PASSWORD);
      expect(services[s.name].depends_on?.[pg]?.condition).toBe('service_healthy');
      hosts.add(url.hostname);
    }
    expect(hosts.size).toBe(SUBGRAPHS.length);
  });

  it('gives each PostgreSQL its own password variable and named volume', () => {
    const passwordVars = SUBGRAPHS.map((s) =>
      varRefs(services[pgName(s.name)].environment?.POSTGRES_PASSWORD ?? '')
        .map((r) => r.name)
        .join(),
    );
    expect(passwordVars.every((v) => v !== '')).toBe(true);
    expect(new Set(passwordVars).size).toBe(SUBGRAPHS.length);
    const volumes = SUBGRAPHS.map((s) => {
      const mounts = services[pgName(s.name)].volumes ?? [];
      const data = mounts.map((m) => m.split(':')).find(([, target]) => target === '/var/lib/postgresql/data');
      expect(data).toBeDefined();
      expect(Object.keys(compose.volumes ?? {})).toContain(data![0]);
      return data![0];
    });
    expect(new Set(volumes).size).toBe(SUBGRAPHS.length);
  });

  it('lets each database be reached by its own subgraph only', () => {
    for (const s of SUBGRAPHS) {
      const pg = pgName(s.name);
      const nets = networksOf(pg);
      expect(nets.length).toBeGreaterThan(0);
      for (const n of nets) {
        expect(Object.keys(compose.networks ?? {})).toContain(n);
        expect(compose.networks?.[n]?.internal).toBe(true);
      }
      const peers = Object.keys(services).filter((other) => other !== pg && networksOf(other).some((n) => nets.includes(n)));
      expect({ pg, peers }).toEqual({ pg, peers: [s.name] });
    }
  });

  it('points the gateway at every subgraph on its services.ts port, and waits for them to be healthy', () => {
    const env = envOf('gateway');
    expect(env.PORT).toBe(String(GATEWAY_PORT));
    expect(services.gateway.ports).toContain(`${GATEWAY_PORT}:${GATEWAY_PORT}`);
    for (const s of SUBGRAPHS) {
      const url = new URL(env[s.urlEnv]);
      expect({ name: s.name, url: `${url.protocol}//${url.hostname}:${url.port}${url.pathname}` }).toEqual({
        name: s.name,
        url: `http://${s.name}:${s.port}/graphql`,
      });
      expect(services.gateway.depends_on?.[s.name]?.condition).toBe('service_healthy');
      expect(networksOf('gateway').some((n) => networksOf(s.name).includes(n))).toBe(true);
    }
  });

  it('gives every service a health check: /live for the hub services, pg_isready for the databases', () => {
    for (const [name, svc] of Object.entries(services)) {
      const test = svc.healthcheck?.test ?? [];
      expect({ name, kind: test[0] }).toEqual({ name, kind: expect.stringMatching(/^CMD(-SHELL)?$/) });
      const command = test.slice(1).join(' ');
      if (name.startsWith('pg-')) {
        expect(command).toMatch(/^pg_isready\b/);
        expect(test).toContain(envOf(name).POSTGRES_DB);
      } else {
        expect(command).toMatch(/\/live\b/);
        expect(command).toMatch(new RegExp(`process\\.env\\.PORT|:${portFor(name)}/`));
      }
    }
  });

  it('takes every secret from the environment with ${VAR:?...} so compose refuses to start without it', () => {
    for (const name of ['HUB_JWT_SECRET', 'HUB_INTERNAL_SECRET', 'HUB_LINKAGE_KEY']) expect(requiredVars).toContain(name);
    for (const s of SUBGRAPHS) {
      const [ref] = varRefs(services[pgName(s.name)].environment?.POSTGRES_PASSWORD ?? '');
      expect(ref?.op).toBe(':?');
    }
    // No secret has a default anywhere, and every reference to a required variable requires it.
    for (const ref of allStrings(compose).flatMap(varRefs)) {
      if (requiredVars.includes(ref.name)) expect({ name: ref.name, op: ref.op }).toEqual({ name: ref.name, op: ':?' });
    }
    // Without them, interpolation fails.
    for (const name of NODE_SERVICES) {
      expect(() => Object.values(services[name].environment ?? {}).map((v) => interpolate(String(v), {}))).toThrow(/required variable/);
    }
    // The gateway and every subgraph get the token and internal secrets; governance the linkage key.
    for (const name of NODE_SERVICES) {
      const env = services[name].environment ?? {};
      expect(varRefs(env.HUB_JWT_SECRET ?? '').map((r) => r.name)).toEqual(['HUB_JWT_SECRET']);
      expect(varRefs(env.HUB_INTERNAL_SECRET ?? '').map((r) => r.name)).toEqual(['HUB_INTERNAL_SECRET']);
    }
    expect(varRefs(services.governance.environment?.HUB_LINKAGE_KEY ?? '').map((r) => r.name)).toEqual(['HUB_LINKAGE_KEY']);
  });

  it('lists every required variable in docker/.env.example, with no value filled in', () => {
    const example = readFileSync(join(DOCKER, '.env.example'), 'utf8');
    const assignments = Object.fromEntries(
      example
        .split('\n')
        .filter((l) => l.trim() && !l.trimStart().startsWith('#'))
        .map((l) => {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(l);
          if (!m) throw new Error(`.env.example: cannot read ${l}`);
          return [m[1], m[2]];
        }),
    );
    for (const name of requiredVars) expect({ name, value: assignments[name] }).toEqual({ name, value: '' });
  });
});

describe('docker/Dockerfile', () => {
  it('is a multi-stage build on Node 24', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const images = stages.map((s) => s.from).filter((f) => !stage(f) && !f.includes('$'));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toMatch(/^node:24([.-]|$)/);
  });

  it('installs production dependencies from the lock file, with every workspace manifest copied first', () => {
    const deps = stage('deps');
    expect(deps).toBeDefined();
    const run = deps!.instructions.findIndex((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args) && /--omit=dev\b/.test(i.args));
    expect(run).toBeGreaterThan(-1);
    const copied = deps!.instructions
      .slice(0, run)
      .filter((i) => i.keyword === 'COPY')
      .flatMap((i) =>
        i.args
          .split(' ')
          .filter((a) => !a.startsWith('--'))
          .slice(0, -1),
      );
    const workspaces: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces;
    for (const file of ['package.json', 'package-lock.json', ...workspaces.map((w) => `${w}/package.json`)]) expect(copied).toContain(file);
  });

  it('copies only paths that exist in the repository', () => {
    for (const ins of instructions.filter((i) => i.keyword === 'COPY' && !/--from=/.test(i.args))) {
      for (const src of ins.args
        .split(' ')
        .filter((a) => !a.startsWith('--'))
        .slice(0, -1))
        expect({ src, exists: existsSync(join(ROOT, src)) }).toEqual({ src, exists: true });
    }
  });

  it.each(NODE_SERVICES)(
    'runs %s as the non-root node user, in production mode, listening on all interfaces, with a health check',
    (service) => {
      const runtime = stages[stages.length - 1];
      expect(runtime.name).toBe('runtime');
      expect(runtime.from).toBe('svc-${SERVICE}');
      const chain = [runtime, ...lineage(stage(`svc-${service}`)!)];
      const users = chain.flatMap((s) => s.instructions.filter((i) => i.keyword === 'USER'));
      expect(users[0]?.args).toBe('node');
      const env = Object.assign({}, ...chain.slice().reverse().map(envAssignments));
      expect(env).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', APOLLO_TELEMETRY_DISABLED: '1' });
      const healthcheck = chain.flatMap((s) => s.instructions.filter((i) => i.keyword === 'HEALTHCHECK'))[0];
      expect(healthcheck?.args).toMatch(/\bCMD\b.*fetch\(.*127\.0\.0\.1.*process\.env\.PORT.*\/live/);
      // The service is picked by the SERVICE build argument, declared before the first FROM.
      const firstFrom = instructions.findIndex((i) => i.keyword === 'FROM');
      expect(instructions.slice(0, firstFrom).some((i) => i.keyword === 'ARG' && /^SERVICE\b/.test(i.args))).toBe(true);
    },
  );

  it('has an existing entry point, its sources and its services.ts port for every SERVICE compose builds', () => {
    const built = NODE_SERVICES.map((name) => services[name].build?.args?.SERVICE);
    expect(built.sort()).toEqual([...NODE_SERVICES].sort());
    for (const service of NODE_SERVICES) {
      const s = stage(`svc-${service}`);
      expect({ service, stage: !!s }).toEqual({ service, stage: true });
      const chain = lineage(s!);
      const cmd = chain.flatMap((st) => st.instructions.filter((i) => i.keyword === 'CMD'))[0];
      const argv: string[] = JSON.parse(cmd.args);
      const entry = entryFor(service);
      // Compiled JavaScript: the stage bundles the service's entry point and runs the bundle.
      expect(argv).toEqual(['node', `dist/${service}.js`]);
      const runs = chain.flatMap((st) => st.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args));
      expect(runs).toContain(`node scripts/build.mjs ${service}`);
      expect(existsSync(join(ROOT, entry))).toBe(true);
      const copies = s!.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args.split(' ')[0].replace(/\/$/, ''));
      expect(copies).toContain(dirname(dirname(entry)));
      expect(envAssignments(s!).PORT).toBe(String(portFor(service)));
      expect(envAssignments(s!).HUB_SERVICE).toBe(service);
    }
  });

  it('keeps node_modules, local data, .git and the tests out of the build context', () => {
    const ignore = readFileSync(join(DOCKER, 'Dockerfile.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(ignore).toEqual(expect.arrayContaining(['**/node_modules', '**/.data', '.git', 'tests/*', '!tests/package.json']));
  });
});

// Only where the compose CLI plugin is installed (it is not on our machines): compose's own reading.
const hasComposeCli = (() => {
  try {
    execFileSync('docker', ['compose', 'version'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
})();

(hasComposeCli ? describe : describe.skip)('docker compose config', () => {
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !requiredVars.includes(k)));
  const run = (env: NodeJS.ProcessEnv) =>
    execFileSync('docker', ['compose', '-f', COMPOSE_PATH, '--env-file', join(DOCKER, '.env.example'), 'config', '--quiet'], {
      cwd: ROOT,
      env,
      stdio: 'pipe',
      timeout: 60_000,
    });

  it('accepts the file once the secrets are set', () => {
    expect(() => run({ ...baseEnv, ...sampleEnv })).not.toThrow();
  });

  it('refuses it while they are not', () => {
    expect(() => run(baseEnv)).toThrow();
  });
});
