# One image for every service of ICoCA Graph; docker-compose.yml picks the entry point per service.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 is built from source (node-gyp) during npm ci.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY services ./services
COPY gateway ./gateway
COPY scripts ./scripts
COPY schema ./schema
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# The complaints subgraph removes PDF metadata from complainants' evidence with exiftool and qpdf.
RUN apt-get update && apt-get install -y --no-install-recommends libimage-exiftool-perl qpdf && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/schema ./schema
USER node
# The telemetry preload runs before the service's own code (tracing only when OTEL_EXPORTER_OTLP_ENDPOINT is set).
CMD ["node", "--require", "./dist/services/shared/src/telemetry/preload.js", "dist/gateway/src/main.js"]
