// Hive Gateway's configuration for the benchmark (hive.ts passes it with -c). To compare like with
// like, Hive does per request what the hub's Apollo gateway does: verify the user's HS256 JWT
// with jose, read x-hub-purpose, and sign the caller into the 60-second x-hub-identity token the
// subgraphs demand (the same claims, library and secret as packages/guard/src/auth.ts). The subgraph fetch
// carries it. ESM because Hive loads its configuration as a module.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { jwtVerify, SignJWT } from 'jose';

// graphql from Hive's own install, so its error class is the one Hive recognises.
const { GraphQLError } = createRequire(process.argv[1])('graphql');
const userKey = new TextEncoder().encode(process.env.HUB_JWT_SECRET);
const internalKey = new TextEncoder().encode(process.env.HUB_INTERNAL_SECRET);
const PURPOSES = ['DIRECT_CARE', 'EHC_ASSESSMENT', 'EHC_REVIEW', 'SAFEGUARDING'];

const unauthenticated = () =>
  new GraphQLError('a valid bearer token is required', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

const hubIdentity = {
  async onContextBuilding({ context, extendContext }) {
    const m = /^Bearer\s+(\S+)$/i.exec(context.request.headers.get('authorization') ?? '');
    if (!m) throw unauthenticated();
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(m[1], userKey, { algorithms: ['HS256'] }));
    } catch {
      throw unauthenticated();
    }
    const purpose = context.request.headers.get('x-hub-purpose') || 'DIRECT_CARE';
    if (!PURPOSES.includes(purpose))
      throw new GraphQLError('x-hub-purpose is not a purpose', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
    const requestId = randomUUID();
    const { sub, name, org, roles, agency } = claims;
    const token = await new SignJWT({ sub, name, org, roles, agency, rid: requestId, pur: purpose })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('hub-gateway')
      .setAudience('hub-subgraphs')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(internalKey);
    extendContext({ hubIdentity: token, hubRequestId: requestId });
  },
  onFetch({ context, options, setOptions }) {
    if (!context?.hubIdentity) return;
    setOptions({
      ...options,
      headers: { ...options.headers, 'x-hub-identity': context.hubIdentity, 'x-request-id': context.hubRequestId },
    });
  },
};

export const gatewayConfig = {
  plugins: () => [hubIdentity],
};
