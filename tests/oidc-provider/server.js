// A real OpenID Connect provider (npm oidc-provider) for Policy Dashboard's sign-in tests.
//
//   node server.js --port 5123 [--client-id policy-dashboard] [--client-secret s3cret]
//
// Listens on http://127.0.0.1:<port> only. Users (any password): admin (groups: cluster-admins),
// auditor (groups: auditors), nobody (no groups). The login form is oidc-provider's devInteractions
// form; consent is granted without asking. The one client uses client_secret_post with PKCE required
// and may use refresh tokens. Prints "ready <issuer>" once it listens, and exits when its standard
// input closes, so it never outlives the test process that started it.
//
// Test control (loopback only, this IdP only): PUT /_test/accounts/<id>/groups with a JSON array body
// replaces the user's groups, so tests can remove someone from a group while they are signed in.
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'client-id': { type: 'string', default: 'policy-dashboard' },
    'client-secret': { type: 'string', default: 'test-client-secret' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node server.js --port <port>');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;

const accounts = new Map([
  ['admin', { name: 'Ada Admin', groups: ['cluster-admins'] }],
  ['auditor', { name: 'Audrey Auditor', groups: ['auditors'] }],
  ['nobody', { name: 'Noah Nobody', groups: [] }],
]);

const provider = new Provider(issuer, {
  clients: [{
    client_id: values['client-id'],
    client_secret: values['client-secret'],
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    // The dashboard under test listens on a port picked at run time; redirect URIs on any loopback
    // port are accepted below, these only satisfy client metadata validation.
    redirect_uris: ['http://127.0.0.1/signin-oidc'],
    post_logout_redirect_uris: ['http://127.0.0.1/signout-callback-oidc'],
  }],
  pkce: { required: () => true },
  scopes: ['openid', 'offline_access', 'profile', 'groups'],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], groups: ['groups'] },
  async findAccount(_ctx, id) {
    const account = accounts.get(id);
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, name: account.name, preferred_username: id, groups: [...account.groups] };
      },
    };
  },
  // Consent is not part of what the dashboard tests: grant every requested scope and claim.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(ctx.oidc.requestParamScopes ? [...ctx.oidc.requestParamScopes].join(' ') : 'openid');
    grant.addOIDCClaims([...(ctx.oidc.requestParamClaims ?? [])]);
    await grant.save();
    return grant;
  },
  // OIDC Core 11 only grants offline_access with prompt=consent; this IdP issues refresh tokens to its
  // client whenever the client may use them, as many production IdPs do.
  async issueRefreshToken(_ctx, client) {
    return client.grantTypeAllowed('refresh_token');
  },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      // Sign out at once instead of asking (the question is the IdP's UI, not the dashboard's).
      async logoutSource(ctx, form) {
        ctx.body = `<!DOCTYPE html><html><head><title>Signing out</title></head><body>${form}
          <input type="hidden" form="op.logoutForm" name="logout" value="yes">
          <script>document.getElementById('op.logoutForm').submit();</script></body></html>`;
      },
    },
  },
  cookies: { keys: ['policy-dashboard-test-idp-cookie-key'] },
  ttl: { AccessToken: 300, IdToken: 300, RefreshToken: 3600, Session: 3600, Grant: 3600, Interaction: 600 },
});

// Accept the registered redirect paths on any loopback port (the dashboard's port is dynamic).
const loopbackAllowed = (value, allowed) => {
  let url;
  try { url = new URL(value); } catch { return false; }
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1') return false;
  return allowed.some((a) => new URL(a).pathname === url.pathname);
};
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
  return loopbackAllowed(value, this.redirectUris);
};
provider.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(value) {
  return loopbackAllowed(value, this.postLogoutRedirectUris);
};

provider.use(async (ctx, next) => {
  const match = /^\/_test\/accounts\/([^/]+)\/groups$/.exec(ctx.path);
  if (!match || ctx.method !== 'PUT') return next();
  const account = accounts.get(match[1]);
  if (!account) { ctx.status = 404; return undefined; }
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const groups = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string')) { ctx.status = 400; return undefined; }
  account.groups = groups;
  ctx.status = 204;
  return undefined;
});

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
