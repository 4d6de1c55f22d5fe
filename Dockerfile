# syntax=docker/dockerfile:1
#
# orgbind container image: build → production dependencies → distroless runtime.
#
#   docker build -t registry.example/orgbind:0.1.0 .
#   docker run --rm --env-file prod.env registry.example/orgbind:0.1.0 dist/cli/migrate.js   # migration job
#   docker run --rm -p 3000:3000 -p 9464:9464 --env-file prod.env registry.example/orgbind:0.1.0
#
# The runtime holds only `dist/` (compiled code, migrations included), production
# `node_modules` and package.json: no shell, no package manager, no sources, no sample data, no
# embedded PostgreSQL or development platform (devDependencies; NODE_ENV=production refuses
# them anyway). It runs as a non-root user and writes nothing to its filesystem.
# Where gcr.io or Docker Hub cannot be reached, point the two base images at a mirror:
#   docker build --build-arg NODE_IMAGE=mirror/node:24-bookworm-slim \
#                --build-arg RUNTIME_IMAGE=mirror/distroless/nodejs24-debian12:nonroot .

ARG NODE_IMAGE=node:24-bookworm-slim
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs24-debian12:nonroot

# ---- build: compile TypeScript (dev dependencies needed here only) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV npm_config_update_notifier=false
COPY package.json package-lock.json .npmrc ./
# No install scripts are needed to compile (they only prepare the embedded PostgreSQL for development).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---- production dependencies: what the service loads at run time, nothing else ----
FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
ENV npm_config_update_notifier=false
COPY package.json package-lock.json .npmrc ./
COPY scripts/prune-dev-optional.cjs ./scripts/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && node scripts/prune-dev-optional.cjs .

# ---- runtime ----
FROM ${RUNTIME_IMAGE} AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="orgbind" \
      org.opencontainers.image.description="Identity binding for the Liaoning social-organization management system" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
WORKDIR /app
# NODE_OPTIONS: a bounded heap (docs/performance.md); without it V8 sizes the heap from the
# node's memory, not the pod's limit. Override with the pod's env if the limit changes.
# MALLOC_ARENA_MAX: two glibc malloc arenas instead of one per thread that ever allocated (V8's
# compiler and GC threads keep freed memory resident in theirs): ~10 MB less RSS under load.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    METRICS_PORT=9464 \
    NODE_OPTIONS="--max-semi-space-size=8 --max-old-space-size=128" \
    MALLOC_ARENA_MAX=2
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The distroless "nonroot" user; numeric so that Kubernetes can verify runAsNonRoot.
USER 65532:65532
EXPOSE 3000 9464
# Liveness only (the distroless image has no curl): GET /health/live on $PORT.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/nodejs/bin/node", "dist/cli/healthcheck.js"]
ENTRYPOINT ["/nodejs/bin/node"]
# The service. The migration job runs the same image with `dist/cli/migrate.js` instead.
CMD ["dist/main.js"]
