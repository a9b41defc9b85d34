# The team server (`npm run serve`) in a container: see the README's "Team server".
# Build: docker build -t pooler-server .   Run: docker compose up (compose.yaml, with Caddy in front).

FROM node:22-bookworm-slim AS build
WORKDIR /app
# Electron is a build-time dependency of the desktop app only: the server never downloads it.
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm ci --no-fund --no-audit
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    POOLER_DATA_DIR=/data \
    POOLER_DATA_KEY_FILE=/keys/data.key \
    POOLER_SERVER_HOST=0.0.0.0 \
    POOLER_SERVER_PORT=7440 \
    POOLER_ONBOARDING_HOST=0.0.0.0 \
    POOLER_ONBOARDING_PORT=7420
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/out ./out
RUN mkdir -p /data /keys && chown node:node /data /keys
USER node
VOLUME ["/data", "/keys"]
EXPOSE 7440 7420
HEALTHCHECK --interval=30s --timeout=5s CMD ["node", "-e", "fetch('http://127.0.0.1:7440/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "out/main/serve.js"]
