# One multi-stage build for all four services; `docker compose` picks a target per service.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary is reachable.
RUN apt-get update -q && apt-get install -y -q --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
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
