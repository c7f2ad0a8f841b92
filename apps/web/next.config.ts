import type { NextConfig } from 'next';

// Read when the app is built: Next writes rewrites into its routes manifest, so a build made for
// one API_PORT keeps proxying to it (the quick start rebuilds when the port changes).
const apiOrigin = `http://127.0.0.1:${process.env.API_PORT ?? '8000'}`;

const nextConfig: NextConfig = {
  // The contracts package ships TypeScript source; Next compiles it with the app.
  transpilePackages: ['@switchboard/contracts'],
  poweredByHeader: false,
  reactStrictMode: true,
  // The browser only ever talks to this origin, so the refresh cookie stays first-party and no
  // CORS is needed. `next start` and `next dev` also forward WebSocket upgrades that match an
  // external rewrite, which is how `/ws` reaches the real-time hub without Caddy
  // (docs/decisions/020-websocket-path.md; `output: 'standalone'` would not proxy upgrades).
  async rewrites() {
    return [
      { source: '/api/:path*', destination: `${apiOrigin}/api/:path*` },
      { source: '/healthz', destination: `${apiOrigin}/healthz` },
      { source: '/readyz', destination: `${apiOrigin}/readyz` },
      { source: '/ws', destination: `${apiOrigin}/ws` },
    ];
  },
};

export default nextConfig;
