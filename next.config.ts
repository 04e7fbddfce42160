import type { NextConfig } from "next";

/** Nothing here uses a device or a browser feature of this kind; say so, so no injected script can. */
const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";

// The Content-Security-Policy (with a nonce per page) comes from proxy.ts, HSTS from scripts/web-server.ts.
const nextConfig: NextConfig = {
  // Database drivers, the queue and native modules run from node_modules, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "pg",
    "pg-boss",
    "@prisma/adapter-pg",
    "@prisma/client",
    "@node-rs/argon2",
    "nodemailer",
    "smtp-server",
    "mailparser",
  ],
  experimental: {
    authInterrupts: true,
    // Server actions keep Next.js's 1 MB default; files go through the streaming upload routes,
    // which the proxy does not match (it would buffer their bodies), so its buffer stays as small.
    proxyClientMaxBodySize: "1mb",
  },
  // `npm test` and `npm run typecheck` run tsc over the whole repo; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
        ],
      },
    ];
  },
};

export default nextConfig;
