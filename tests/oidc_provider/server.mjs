// OpenID provider for Botschaft's SSO tests. The protocol (discovery, PKCE, code exchange,
// ID-token signing, JWKS) is oidc-provider's own; only the login screen is replaced by a
// test hook that signs in the account the test chose (POST /__test__/next-login).
import http from "node:http";
import Provider from "oidc-provider";

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const signingKey = JSON.parse(process.env.SIGNING_JWK);
const accounts = new Map();
let nextAccountId = null;

const provider = new Provider(issuer, {
  clients: JSON.parse(process.env.CLIENTS),
  jwks: { keys: [signingKey] },
  cookies: { keys: ["test-cookie-key-one", "test-cookie-key-two"] },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  async findAccount(_ctx, id) {
    const account = accounts.get(id);
    if (!account) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...account }; } };
  },
  // First-party client: no consent screen.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
});
provider.proxy = false;

const providerCallback = provider.callback();

function readJson(req) {
  return new Promise((resolve, reject) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => { try { resolve(JSON.parse(body || "{}")); } catch (e) { reject(e); } });
  });
}

const server = http.createServer(async (req, res) => {
  try {
    if (req.method === "POST" && req.url === "/__test__/next-login") {
      const { sub, ...claims } = await readJson(req);
      accounts.set(sub, claims);
      nextAccountId = sub;
      res.writeHead(204).end();
      return;
    }
    if (req.method === "GET" && req.url.startsWith("/interaction/")) {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name !== "login" || !nextAccountId) {
        res.writeHead(400).end(`unexpected prompt ${details.prompt.name}`);
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: nextAccountId } }, { mergeWithLastSubmission: false });
      return;
    }
    providerCallback(req, res);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});

server.listen(port, "127.0.0.1", () => console.log(`oidc-provider listening on ${issuer}`));
