/**
 * A real OpenID Connect provider (the `oidc-provider` package) on loopback, for tests only: one
 * test client, accounts the test defines, and a login step that signs in whoever the test names
 * (with the `amr` it names). `tamper` rewrites claims of the next ID token and signs it again
 * with the provider's own key, as a provider that got the audience, nonce or issuer wrong would.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from "jose";
import Provider from "oidc-provider";

export interface TestAccount {
  email: string;
  email_verified: boolean;
  name: string;
  groups?: string[];
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Who the next login is, and which authentication methods the IdP says it used. */
  login: { sub: string; amr: string[] };
  tamper: Record<string, unknown> | null;
  close(): Promise<void>;
}

export async function startTestIdp({ redirectUri }: { redirectUri: string }): Promise<TestIdp> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const idp: TestIdp = {
    issuer,
    clientId: "csirt-test-client",
    clientSecret: "test-only-client-secret-0123456789abcdef",
    accounts: new Map(),
    login: { sub: "", amr: ["pwd"] },
    tamper: null,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: idp.clientId,
        client_secret: idp.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ["test-only-cookie-key"] },
    claims: {
      auth_time: null,
      sid: null,
      // As most IdPs do, the authentication methods (amr) and context (acr) come with every ID token.
      openid: ["sub", "amr", "acr"],
      email: ["email", "email_verified"],
      profile: ["name", "groups"],
    },
    // The claims go into the ID token (Auth.js reads the profile from it).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = idp.accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
    // A first-party client: consent is given.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === "/token" && idp.tamper && body?.id_token) {
      const claims = { ...decodeJwt(body.id_token), ...idp.tamper };
      const idToken = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "test-key" }).sign(privateKey);
      ctx.body = { ...body, id_token: idToken };
    }
  });
  const callback = provider.callback();
  server.on("request", async (request, response) => {
    if (request.url?.startsWith("/interaction/")) {
      try {
        await provider.interactionDetails(request, response);
        await provider.interactionFinished(
          request,
          response,
          { login: { accountId: idp.login.sub, amr: idp.login.amr } },
          { mergeWithLastSubmission: false },
        );
      } catch (error) {
        response.statusCode = 500;
        response.end(String(error));
      }
      return;
    }
    callback(request, response);
  });
  return idp;
}
