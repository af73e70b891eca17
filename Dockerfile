# One multi-stage build for all four services; `docker compose` picks a target per service.

# The build stage's Node is held at 24.18.1 because better-sqlite3 is compiled here against its headers. From
# 24.19, those headers make better-sqlite3 12's statements abort the process when the garbage collector finalizes
# one with no Node environment current (nodejs/node#65446; the fix, better-sqlite3 13, needs Node 22+). The addon's
# ABI is the same across 24.x, so the runtime stage keeps the newest Node 24. See docs/development.md.
FROM node:24.18.1-bookworm-slim AS build
WORKDIR /app
RUN apt-get update -q && apt-get install -y -q --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# better-sqlite3 compiled from source, never a prebuilt binary whose headers nobody knows (the setting names it
# alone: other native packages keep their prebuilt binaries), then checked for the hook that aborts.
RUN npm_config_build_from_source=better-sqlite3 npm ci \
  && nm -D --undefined-only node_modules/better-sqlite3/build/Release/better_sqlite3.node > /tmp/imports \
  && ! grep -q RemoveEnvironmentCleanupHook /tmp/imports
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node

FROM runtime AS referrals
# Operations only: /health, /ready, /metrics.
EXPOSE 3002
CMD ["node", "dist/apps/referrals/src/main.js"]

FROM runtime AS commissions
# Operations only: /health, /ready, /metrics.
EXPOSE 3003
CMD ["node", "dist/apps/commissions/src/main.js"]

FROM runtime AS notifier
EXPOSE 3001
CMD ["node", "dist/apps/notifier/src/main.js"]

FROM runtime AS gateway
# The pages are served from the source tree's static folder.
COPY --from=build /app/apps/gateway/static ./apps/gateway/static
EXPOSE 3000
CMD ["node", "dist/apps/gateway/src/main.js"]
