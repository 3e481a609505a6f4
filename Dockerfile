# The multihome node agent image: Debian 12 slim + Node.js 24 (active LTS; Node 20 is end-of-life
# since 2026-04-30), iproute2 and ping, and the agent bundled by esbuild into one file (no
# node_modules). Reproducible: the base is pinned by digest, apt can read a dated snapshot of the
# Debian archive, file times come from SOURCE_DATE_EPOCH, and the bundle is deterministic
# (scripts/build-agent.js; test/scripts/build-agent.test.ts builds it twice and compares).
#
# Build (the digest is required: without it the FROM line is not a valid reference):
#   node scripts/build-agent.js
#   NODE_DIGEST=$(docker buildx imagetools inspect node:24-bookworm-slim | awk '/^Digest:/ {print $2}')
#   docker buildx build \
#     --build-arg NODE_DIGEST="$NODE_DIGEST" \
#     --build-arg DEBIAN_SNAPSHOT_URL=<Debian snapshot archive URL of one date, .../archive/debian/<YYYYMMDDTHHMMSSZ>> \
#     --build-arg SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)" \
#     --output type=image,name=multihome-agent,rewrite-timestamp=true .
# Record the image digest it prints and deploy it pinned (NetworkAgent `imageDigest`).
#
# The NetworkAgent construct runs it as a DaemonSet with hostNetwork (observe: uid 65534, no
# capabilities; apply: NET_ADMIN and NET_RAW):
#   multihome-agent agent run --mode observe|apply --config /etc/multihome-agent
ARG NODE_VERSION=24
ARG NODE_DIGEST
FROM node:${NODE_VERSION}-bookworm-slim@${NODE_DIGEST}

# Debian snapshot archive URL for one date (optional; without it apt reads the base image's
# sources, which move with every point release, and the image is not reproducible)
ARG DEBIAN_SNAPSHOT_URL=
# BuildKit clamps file times to it (rewrite-timestamp); kept in the environment for tools that read it
ARG SOURCE_DATE_EPOCH
ENV SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH}

RUN set -eu; \
    if [ -n "$DEBIAN_SNAPSHOT_URL" ]; then \
      rm -f /etc/apt/sources.list.d/debian.sources; \
      echo "deb [check-valid-until=no] $DEBIAN_SNAPSHOT_URL bookworm main" > /etc/apt/sources.list; \
    fi; \
    apt-get -o Acquire::Check-Valid-Until=false update; \
    apt-get install -y --no-install-recommends iproute2 iputils-ping; \
    rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt /var/log/dpkg.log /var/cache/ldconfig/aux-cache
COPY dist-agent/multihome-agent.js /usr/local/lib/multihome/multihome-agent.js
# the agent's V8 flags (lib/core/topology/agent-runtime.ts AGENT_NODE_FLAGS: a fixed young generation)
RUN printf '#!/bin/sh\nexec node --min-semi-space-size=16 --max-semi-space-size=16 /usr/local/lib/multihome/multihome-agent.js "$@"\n' > /usr/local/bin/multihome-agent \
 && chmod 0755 /usr/local/bin/multihome-agent
EXPOSE 9680
ENTRYPOINT ["multihome-agent"]
CMD ["agent", "run", "--mode", "observe", "--config", "/etc/multihome-agent"]
